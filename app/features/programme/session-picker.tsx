import { Form } from "@remix-run/react";

/** Chooses which session's version a page shows (a GET form, so it works without JavaScript). */
export function SessionPicker({
  sessions,
  selectedId,
}: {
  sessions: Array<{ id: string; number: number; title: string }>;
  selectedId: string;
}) {
  return (
    <Form method="get" className="actions no-print">
      <label htmlFor="kies-sessie">Bijeenkomst</label>
      <select id="kies-sessie" name="sessie" defaultValue={selectedId}>
        {sessions.map((s) => (
          <option key={s.id} value={s.id}>{`${s.number}. ${s.title}`}</option>
        ))}
      </select>
      <button type="submit" className="button button--quiet button--small">
        Tonen
      </button>
    </Form>
  );
}
