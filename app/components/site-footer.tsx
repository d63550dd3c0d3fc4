export function SiteFooter() {
  return (
    <footer className="site-footer">
      <p>
        Werkplaats wijkgericht werken: een leerprogramma voor gemeenten, in vier bijeenkomsten, als trio uit wijk, fysiek en sociaal domein.
      </p>
    </footer>
  );
}
