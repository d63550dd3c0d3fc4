import type { Domain, Role, TrioStatus } from "~/data/enums";

/** Dutch labels for enum values, shared by server and browser. */
export const roleLabels: Record<Role, string> = {
  organiser: "Begeleider",
  speaker: "Spreker",
  participant: "Deelnemer",
};

export const domainLabels: Record<Domain, string> = {
  wijk: "Wijk",
  fysiek: "Fysiek domein",
  sociaal: "Sociaal domein",
};

export const trioStatusLabels: Record<TrioStatus, string> = {
  registered: "Aangemeld",
  admitted: "Toegelaten",
  waiting: "Wachtlijst",
  rejected: "Afgewezen",
};
