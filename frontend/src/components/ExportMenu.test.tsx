import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ExportMenu } from "./ExportMenu";

describe("ExportMenu", () => {
  it("offers the crawled pages as CSV when a site was crawled", () => {
    render(<ExportMenu batchId="b1" crawled />);
    const labels = screen.getAllByRole("menuitem", { hidden: true }).map((item) => item.textContent);
    expect(labels).toEqual(["HTML report", "PDF (printed report)", "Markdown", "CSV (metrics)", "JSON", "CSV (crawled pages)"]);
  });

  it("does not offer a pages file when no site was crawled", () => {
    render(<ExportMenu batchId="b1" />);
    expect(screen.queryByText("CSV (crawled pages)")).not.toBeInTheDocument();
    expect(screen.getByText("CSV (metrics)")).toBeInTheDocument();
  });
});
