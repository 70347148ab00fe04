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

describe("MultiUrlInputForm with the crawl's options", { timeout: 30_000 }, () => {
  function crawlSetup(onSubmit = vi.fn<(body: BatchCreate) => Promise<unknown>>().mockResolvedValue(undefined)) {
    const user = userEvent.setup();
    render(<MultiUrlInputForm onSubmit={onSubmit} modes={["static"]} withCrawl />);
    const inputs = screen.getAllByTestId("url-input") as HTMLInputElement[];
    return { user, inputs, onSubmit };
  }

  it("sends one page per site by default: no crawl fields", async () => {
    const { user, inputs, onSubmit } = crawlSetup();
    expect(screen.getByLabelText("Pages per site")).toHaveValue("1");
    await user.type(inputs[0]!, "mysite.com");
    await user.type(inputs[1]!, "rival.com");
    await user.click(screen.getByTestId("submit-batch"));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    const body = onSubmit.mock.calls[0]![0];
    for (const field of ["pages", "depth", "include", "exclude", "subdomains"]) expect(body).not.toHaveProperty(field);
  });

  it("sends the pages per site, depth and patterns as the batch's crawl", async () => {
    const { user, inputs, onSubmit } = crawlSetup();
    await user.type(inputs[0]!, "mysite.com");
    await user.type(inputs[1]!, "rival.com");
    await user.clear(screen.getByLabelText("Pages per site"));
    await user.type(screen.getByLabelText("Pages per site"), "50");
    await user.click(screen.getByText("Advanced crawl options"));
    await user.type(screen.getByLabelText("Depth (clicks from the start page)"), "3");
    await user.type(screen.getByLabelText(/Only pages matching/), "/blog/*{Enter}{Enter} /docs/* ");
    await user.type(screen.getByLabelText(/Skip pages matching/), "/tag/*");
    await user.click(screen.getByTestId("submit-batch"));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]![0]).toMatchObject({
      urls: ["mysite.com", "rival.com"],
      pages: 50,
      depth: 3,
      include: ["/blog/*", "/docs/*"],
      exclude: ["/tag/*"],
    });
    expect(onSubmit.mock.calls[0]![0]).not.toHaveProperty("subdomains");
  });

  it("says in words what is wrong with the crawl's fields and does not submit", async () => {
    const { user, inputs, onSubmit } = crawlSetup();
    await user.type(inputs[0]!, "mysite.com");
    await user.type(inputs[1]!, "rival.com");
    await user.clear(screen.getByLabelText("Pages per site"));
    await user.type(screen.getByLabelText("Pages per site"), "10000");
    await user.click(screen.getByTestId("submit-batch"));
    expect(await screen.findByText("Pages per site is a whole number from 1 (the front page only) to 5,000.")).toBeInTheDocument();
    expect(screen.getByLabelText("Pages per site")).toHaveAttribute("aria-invalid", "true");

    await user.clear(screen.getByLabelText("Pages per site"));
    await user.type(screen.getByLabelText("Pages per site"), "20");
    await user.click(screen.getByText("Advanced crawl options"));
    await user.type(screen.getByLabelText(/Only pages matching/), "https://mysite.com/blog/*");
    // The advanced options are closed again; a problem in them opens them.
    await user.click(screen.getByText("Advanced crawl options"));
    await user.click(screen.getByTestId("submit-batch"));
    expect(
      await screen.findByText('Patterns match a URL\'s path and query, like /blog/*, not the whole URL ("https://mysite.com/blog/*").'),
    ).toBeVisible();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it("puts the server's verdict on a crawl field beside it", async () => {
    const onSubmit = vi.fn<(body: BatchCreate) => Promise<unknown>>().mockRejectedValue(
      new ApiError(422, "invalid", [{ loc: ["body", "pages"], msg: "Input should be less than or equal to 1000" }]),
    );
    const { user, inputs } = crawlSetup(onSubmit);
    await user.type(inputs[0]!, "mysite.com");
    await user.type(inputs[1]!, "rival.com");
    await user.clear(screen.getByLabelText("Pages per site"));
    await user.type(screen.getByLabelText("Pages per site"), "2000");
    await user.click(screen.getByTestId("submit-batch"));
    const error = await screen.findByText("Input should be less than or equal to 1000");
    expect(error.closest(".field")?.querySelector("input")).toBe(screen.getByLabelText("Pages per site"));
  });
});
