import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { ComparisonDocument, Finding } from "../api/types";
import { SummaryFindings, notesNotInFindings } from "./Sections";

const FAILED = "http://down.example/";
const findings: Finding[] = [
  { kind: "partial", text: "Compared 2 of 3 sites; 1 could not be compared.", url: null } as Finding,
  { kind: "partial", text: `${FAILED} is left out: the connection was refused.`, url: FAILED } as Finding,
];
const notes = [
  `${FAILED} is not compared (failed): the connection was refused`,
  "The overall score leaves out categories some sites have no score for: Design",
];

describe("SummaryFindings", () => {
  it("says once that a site was left out", () => {
    const doc = { summary: findings, notes } as unknown as ComparisonDocument;
    render(<SummaryFindings doc={doc} sites={[]} />);
    expect(screen.getAllByText(/connection was refused/)).toHaveLength(1);
    expect(screen.getByText(/leaves out categories/)).toBeInTheDocument();
  });

  it("keeps every note when no site was left out", () => {
    expect(notesNotInFindings(notes, [])).toEqual(notes);
  });
});
