import { describe, expect, it } from "vitest";
import { assignmentExpectations, feedbackStatuses } from "~/data/homework-schema.server";
import { expectationLabels, expectationValues, feedbackStatusLabels, feedbackStatusValues } from "~/features/homework/homework-labels";

describe("homework labels for the browser", () => {
  it("list exactly the values the data schema allows, each with a label", () => {
    expect([...feedbackStatusValues]).toEqual([...feedbackStatuses]);
    expect([...expectationValues]).toEqual([...assignmentExpectations]);
    expect(Object.keys(feedbackStatusLabels)).toEqual([...feedbackStatuses]);
    expect(Object.keys(expectationLabels)).toEqual([...assignmentExpectations]);
  });
});
