/** HTML that the server produced with renderMarkdown (marked + sanitize-html); never raw user input. */
export function Markdown({ html, className }: { html: string; className?: string }) {
  return <div className={`prose${className ? ` ${className}` : ""}`} dangerouslySetInnerHTML={{ __html: html }} />;
}
