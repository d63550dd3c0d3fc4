import { Link } from "@remix-run/react";

export function SiteFooter() {
  return (
    <footer className="site-footer">
      <p>
        Werkplaats wijkgericht werken: een leerprogramma voor gemeenten, in vier bijeenkomsten, als trio uit wijk, fysiek en sociaal domein.
      </p>
      <nav aria-label="Verklaringen en contact" className="site-footer__nav">
        <ul>
          <li>
            <Link to="/toegankelijkheid">Toegankelijkheid</Link>
          </li>
          <li>
            <Link to="/privacy">Privacy</Link>
          </li>
          <li>
            <Link to="/contact">Contact</Link>
          </li>
        </ul>
      </nav>
    </footer>
  );
}
