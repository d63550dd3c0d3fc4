/** Dutch labels for homework values, shared by server and browser. */
export const homeworkStatuses = ["niet-begonnen", "concept", "ingeleverd", "te-laat", "feedback"] as const;
export type HomeworkStatus = (typeof homeworkStatuses)[number];

export const homeworkStatusLabels: Record<HomeworkStatus, string> = {
  "niet-begonnen": "Niet begonnen",
  concept: "Concept",
  ingeleverd: "Ingeleverd",
  "te-laat": "Te laat",
  feedback: "Feedback gegeven",
};

export const feedbackStatusLabels = {
  ontvangen: "Ontvangen",
  besproken: "Besproken",
  "aanvulling-gevraagd": "Aanvulling gevraagd",
} as const;

export const expectationLabels = {
  text: "Tekst",
  files: "Bestanden",
  both: "Tekst en/of bestanden",
} as const;

/** Kept in step with feedbackStatuses and assignmentExpectations in homework-schema.server.ts (which the browser cannot import). */
export const feedbackStatusValues = ["ontvangen", "besproken", "aanvulling-gevraagd"] as const;
export const expectationValues = ["text", "files", "both"] as const;
