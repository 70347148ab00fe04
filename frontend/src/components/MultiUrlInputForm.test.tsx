import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { ApiError } from "../api/client";
import type { BatchCreate } from "../api/types";
import { MultiUrlInputForm } from "./MultiUrlInputForm";

function setup(onSubmit = vi.fn<(body: BatchCreate) => Promise<unknown>>().mockResolvedValue(undefined), maxUrls?: number) {
  const user = userEvent.setup();
  render(<MultiUrlInputForm onSubmit={onSubmit} modes={["static", "browser"]} maxUrls={maxUrls} />);
  const inputs = () => screen.getAllByTestId("url-input") as HTMLInputElement[];
  return { user, inputs, onSubmit };
}

describe("MultiUrlInputForm", () => {
  it("starts with the own site and two competitor rows", () => {
    const { inputs } = setup();
    expect(inputs()).toHaveLength(3);
    expect(screen.getByText("Your site")).toBeInTheDocument();
  });

  it("adds and removes competitor rows, up to the limit", async () => {
    const { user, inputs } = setup(undefined, 4);
    await user.click(screen.getByTestId("add-url"));
    expect(inputs()).toHaveLength(4);
    expect(screen.getByTestId("add-url")).toBeDisabled();
    await user.click(screen.getByRole("button", { name: "Remove competitor 3" }));
    expect(inputs()).toHaveLength(3);
  });

  it("shows the API's message beside a bad field and does not submit", async () => {
    const { user, inputs, onSubmit } = setup();
    await user.type(inputs()[0]!, "ftp://mysite.com");
    await user.type(inputs()[1]!, "rival.com");
    await user.click(screen.getByTestId("submit-batch"));
    expect(await screen.findByText("'ftp://mysite.com' uses the scheme 'ftp'; only http and https")).toBeInTheDocument();
    expect(inputs()[0]).toHaveAttribute("aria-invalid", "true");
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it("validates a field when it loses focus", async () => {
    const { user, inputs } = setup();
    await user.type(inputs()[1]!, "http://exa mple.com");
    await user.tab();
    expect(await screen.findByText(/contains white space or control characters/)).toBeInTheDocument();
  });

  it("reports a duplicate against the earlier entry", async () => {
    const { user, inputs } = setup();
    await user.type(inputs()[0]!, "mysite.com");
    await user.type(inputs()[1]!, "https://MYSITE.com/");
    await user.click(screen.getByTestId("submit-batch"));
    expect(await screen.findByText("'https://MYSITE.com/' is the same URL as entry 1 (https://mysite.com/)")).toBeInTheDocument();
  });

  it("submits the own site as primary, skipping blank rows, with name and mode", async () => {
    const { user, inputs, onSubmit } = setup();
    await user.type(inputs()[0]!, "mysite.com");
    await user.type(inputs()[2]!, "rival.com");
    await user.type(screen.getByLabelText(/Name/), "Launch");
    await user.click(screen.getByText("Browser"));
    await user.click(screen.getByTestId("submit-batch"));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit).toHaveBeenCalledWith({ name: "Launch", urls: ["mysite.com", "rival.com"], primary_url: "mysite.com", mode: "browser" });
  });

  it("leaves the mode to the server unless one is chosen", async () => {
    const { user, inputs, onSubmit } = setup();
    await user.type(inputs()[0]!, "mysite.com");
    await user.type(inputs()[1]!, "rival.com");
    await user.click(screen.getByTestId("submit-batch"));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]![0]).not.toHaveProperty("mode");
  });

  it("spreads several pasted URLs over rows", () => {
    const { inputs } = setup();
    fireEvent.paste(inputs()[1]!, { clipboardData: { getData: () => "a.com\nb.com\nc.com\nd.com" } });
    expect(inputs().map((i) => i.value)).toEqual(["", "a.com", "b.com", "c.com", "d.com"]);
    expect(screen.getByRole("status")).toHaveTextContent("Added 4 URLs");
  });

  it("puts the server's 422 messages beside the fields they name", async () => {
    const onSubmit = vi.fn<(body: BatchCreate) => Promise<unknown>>().mockRejectedValue(
      new ApiError(422, "invalid", [
        { loc: ["body", "urls", 1], msg: "'http://10.0.0.1/' points to a private or loopback address" },
        { loc: ["body", "urls"], msg: "give between 2 and 2 URLs (got 3)" },
      ]),
    );
    const { user, inputs } = setup(onSubmit);
    await user.type(inputs()[0]!, "mysite.com");
    await user.type(inputs()[2]!, "http://10.0.0.1/");
    await user.click(screen.getByTestId("submit-batch"));
    // Index 1 of what was sent is the third row: the blank second row was not sent.
    const third = await screen.findByText(/points to a private or loopback address/);
    expect(third.closest("li")?.querySelector("input")).toBe(inputs()[2]);
    expect(screen.getByText("give between 2 and 2 URLs (got 3)")).toBeInTheDocument();

    // Editing the field clears the server's verdict on it.
    await user.type(inputs()[2]!, "x");
    expect(screen.queryByText(/points to a private or loopback address/)).not.toBeInTheDocument();
  });

  it("sends the names given to URLs as labels, keyed by the URL as typed", async () => {
    const onSubmit = vi.fn<(body: BatchCreate) => Promise<unknown>>().mockResolvedValue(undefined);
    const user = userEvent.setup();
    render(<MultiUrlInputForm onSubmit={onSubmit} modes={["static"]} withLabels />);
    const inputs = screen.getAllByTestId("url-input") as HTMLInputElement[];
    await user.type(inputs[0]!, "mysite.com");
    await user.type(inputs[2]!, "rival.com");
    await user.type(screen.getByLabelText("Name for competitor 2 (optional)"), " Rival & Co ");
    await user.type(screen.getByLabelText("Name for competitor 1 (optional)"), "Nobody");
    await user.click(screen.getByTestId("submit-batch"));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    // The blank row is not sent, and neither is its name.
    expect(onSubmit.mock.calls[0]![0]).toMatchObject({ urls: ["mysite.com", "rival.com"], labels: { "rival.com": "Rival & Co" } });
  });

  it("asks for no names unless the form offers them", () => {
    setup();
    expect(screen.getAllByTestId("url-input")).toHaveLength(3);
    expect(screen.queryAllByTestId("url-label")).toHaveLength(0);
  });

  it("shows the server's verdict on a name beside its URL", async () => {
    const onSubmit = vi.fn<(body: BatchCreate) => Promise<unknown>>().mockRejectedValue(
      new ApiError(422, "invalid", [{ loc: ["body", "labels", "rival.com"], msg: "a label has at most 200 characters (got 201)" }]),
    );
    const user = userEvent.setup();
    render(<MultiUrlInputForm onSubmit={onSubmit} modes={["static"]} withLabels />);
    const fields = screen.getAllByTestId("url-input") as HTMLInputElement[];
    await user.type(fields[0]!, "mysite.com");
    await user.type(fields[1]!, "rival.com");
    await user.type(screen.getByLabelText("Name for competitor 1 (optional)"), "R");
    await user.click(screen.getByTestId("submit-batch"));
    const error = await screen.findByText(/Name: a label has at most 200 characters/);
    expect(error.closest("li")?.querySelector("input")).toBe(fields[1]);
  });
});
