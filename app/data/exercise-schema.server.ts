import { z } from "zod";
import {
  competences,
  COMPETENCE_MAX,
  COMPETENCE_MIN,
  DESK_MAX,
  DESK_MIN,
  DESK_REASON_MAX,
  deskCategories,
  organogramChoices,
} from "~/features/exercises/exercise-content";
import { id, timestamp } from "./schema-primitives.server";

/** One slider of a trio's desk. `version` is assigned by the server: 0 means never moved. */
export const deskSliderSchema = z.object({
  value: z.number().int().min(DESK_MIN).max(DESK_MAX),
  reason: z.string().max(DESK_REASON_MAX),
  version: z.number().int().min(0),
  updatedBy: id.nullable(),
  updatedAt: timestamp.nullable(),
});
export type DeskSlider = z.infer<typeof deskSliderSchema>;

const sliderShape = Object.fromEntries(deskCategories.map((c) => [c, deskSliderSchema])) as Record<(typeof deskCategories)[number], typeof deskSliderSchema>;

/** The schuifoefening as run in one session: opened, closed and revealed by an organiser. */
export const deskRunSchema = z.object({
  id,
  editionId: id,
  sessionId: id,
  open: z.boolean(),
  revealedAt: timestamp.nullable(),
  anonymised: z.boolean(),
  openedAt: timestamp,
  openedBy: id,
});
export type DeskRun = z.infer<typeof deskRunSchema>;

/** One trio's answer in one run: five sliders with a reason each. */
export const deskAnswerSchema = z.object({
  id,
  runId: id,
  trioId: id,
  sliders: z.object(sliderShape),
  doneAt: timestamp.nullable(),
});
export type DeskAnswer = z.infer<typeof deskAnswerSchema>;

const choice = <K extends keyof typeof organogramChoices>(key: K) =>
  z.enum(Object.keys(organogramChoices[key].options) as [string, ...string[]]).nullable();

/** A trio's organogram: the uploaded chart, where neighbourhood work sits, and the reflection answers. */
export const organogramSchema = z.object({
  id,
  trioId: id,
  fileId: id.nullable(),
  /** Where on the image the trio placed the marker, in percent of width and height. */
  marker: z.object({ x: z.number().min(0).max(100), y: z.number().min(0).max(100) }).nullable(),
  location: z.string().max(2000),
  named: choice("named"),
  hierarchy: choice("hierarchy"),
  budget: choice("budget"),
  mandate: choice("mandate"),
  distanceBoard: choice("distanceBoard"),
  distanceAlderman: choice("distanceAlderman"),
  notes: z.string().max(5000),
  updatedAt: timestamp,
  updatedBy: id,
});
export type Organogram = z.infer<typeof organogramSchema>;

export const agendaActionSchema = z.object({ what: z.string().max(500), who: z.string().max(200), when: z.string().max(100) });

/** The local agenda of a trio as it stood at one session; one version per session. */
export const localAgendaSchema = z.object({
  id,
  trioId: id,
  sessionId: id,
  goals: z.string().max(5000),
  actions: z.array(agendaActionSchema).max(20),
  stakeholders: z.string().max(5000),
  nextSteps: z.string().max(5000),
  savedAt: timestamp,
  savedBy: id,
});
export type LocalAgenda = z.infer<typeof localAgendaSchema>;

const scoreShape = Object.fromEntries(competences.map((c) => [c, z.number().int().min(COMPETENCE_MIN).max(COMPETENCE_MAX)])) as Record<
  (typeof competences)[number],
  z.ZodNumber
>;

/** One member's self-assessment of the new civil-service craft at one session. */
export const competenceAssessmentSchema = z.object({
  id,
  trioId: id,
  userId: id,
  sessionId: id,
  scores: z.object(scoreShape),
  savedAt: timestamp,
});
export type CompetenceAssessment = z.infer<typeof competenceAssessmentSchema>;

/**
 * Exercises (issue 7): the mixing desk, organogram, local agenda, competences.
 * Each entry is a collection of the data file: a key of the data object whose value
 * is a z.array(...). A collection added here is created empty by the migration to
 * version 2 (migrations.server.ts) and by emptyData().
 */
export const exerciseCollections = {
  deskRuns: z.array(deskRunSchema),
  deskAnswers: z.array(deskAnswerSchema),
  organograms: z.array(organogramSchema),
  localAgendas: z.array(localAgendaSchema),
  competenceAssessments: z.array(competenceAssessmentSchema),
} satisfies Record<string, z.ZodArray<z.ZodTypeAny>>;
