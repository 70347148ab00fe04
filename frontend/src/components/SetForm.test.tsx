import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { ApiError } from "../api/client";
import type { SetCreate, SetRead } from "../api/types";
import { SetForm } from "./SetForm";

function setup(options: { onSubmit?: (body: SetCreate) => Promise<unknown>; initial?: SetRead } = {}) {
  const user = userEvent.setup();
  const onSubmit = vi.fn<(body: SetCreate) => Promise<unknown>>(options.onSubmit ?? (() => Promise.resolve()));
  render(<SetForm initial={options.initial} modes={["static", "browser"]} submitLabel="Create set" onSubmit={onSubmit} />);
  const urls = () => screen.getAllByTestId("url-input") as HTMLInputElement[];
  return { user, onSubmit, urls };
}

type User = ReturnType<typeof userEvent.setup>;

/** Puts text into a field at once (as a paste): typing it key by key is slow in jsdom. */
async function enter(user: User, field: HTMLElement, text: string) {
  await user.click(field);
  await user.paste(text);
}

async function fillSites(user: User, urls: () => HTMLInputElement[]) {
  await enter(user, urls()[0]!, "mysite.com");
  await enter(user, urls()[1]!, "rival.com");
}

// A whole form re-renders on each event; a loaded machine needs more than the default 5 s.
describe("SetForm", { timeout: 30_000 }, () => {
  it("needs a name and checks the URLs with the comparison form's rules", async () => {
    const { user, onSubmit, urls } = setup();
    await enter(user, urls()[0]!, "ftp://mysite.com");
    await enter(user, urls()[1]!, "rival.com");
    await user.click(screen.getByRole("button", { name: "Create set" }));
    expect(await screen.findByText("give it a name")).toBeInTheDocument();
    expect(screen.getByText("'ftp://mysite.com' uses the scheme 'ftp'; only http and https")).toBeInTheDocument();
    expect(screen.getByLabelText(/^Name\s*$/)).toHaveAttribute("aria-invalid", "true");
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it("reports a cron expression without five fields and an unknown time zone beside them", async () => {
    const { user, onSubmit, urls } = setup();
    await fillSites(user, urls);
    await enter(user, screen.getByLabelText(/^Name\s*$/), "Watch");
    await user.click(screen.getByText("Days and times"));
    const cron = screen.getByLabelText("Cron expression");
    await user.clear(cron);
    await enter(user, cron, "0 9 * *");
    const zone = screen.getByLabelText("Time zone");
    await user.clear(zone);
    await enter(user, zone, "Mars/Olympus");
    await user.click(screen.getByRole("button", { name: "Create set" }));
    expect(await screen.findByText(/a cron expression has 5 fields .*got 4/)).toBeInTheDocument();
    expect(screen.getByText("'Mars/Olympus' is not a known IANA time zone")).toBeInTheDocument();
    expect(cron).toHaveAttribute("aria-invalid", "true");
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it("refuses an interval of zero hours and an invalid CSS selector", async () => {
    const { user, onSubmit, urls } = setup();
    await fillSites(user, urls);
    await enter(user, screen.getByLabelText(/^Name\s*$/), "Watch");
    await user.click(screen.getByText("Every N hours"));
    const hours = screen.getByLabelText("Every");
    await user.clear(hours);
    await user.type(hours, "0");
    await user.click(screen.getByText(/Ignore parts of pages/));
    const selectors = screen.getAllByTestId("ignore-selectors");
    expect(selectors).toHaveLength(2);
    await user.type(selectors[1]!, "div[["); // "[[" types one "["
    await user.click(screen.getByRole("button", { name: "Create set" }));
    expect(await screen.findByText("the interval must be more than 0 hours")).toBeInTheDocument();
    expect(screen.getByText("'div[' is not a valid CSS selector")).toBeInTheDocument();
    expect(selectors[1]).toHaveAttribute("aria-invalid", "true");
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it("sends the set: sites, schedule and each site's selectors under its URL", async () => {
    const { user, onSubmit, urls } = setup();
    await fillSites(user, urls);
    await enter(user, screen.getByLabelText(/^Name\s*$/), "  Watch list ");
    await user.click(screen.getByText("Every N hours"));
    const hours = screen.getByLabelText("Every");
    await user.clear(hours);
    await user.type(hours, "6");
    await user.click(screen.getByText(/Ignore parts of pages/));
    await enter(user, screen.getAllByTestId("ignore-selectors")[1]!, ".promo\n\n  #visitors  ");
    await enter(user, screen.getAllByTestId("url-label")[1]!, " Rival & Co ");
    await user.click(screen.getByRole("button", { name: "Create set" }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]![0]).toEqual({
      name: "Watch list",
      urls: ["mysite.com", "rival.com"],
      primary_url: "mysite.com",
      ignore_selectors: { "rival.com": [".promo", "#visitors"] },
      labels: { "rival.com": "Rival & Co" },
      schedule: { every_hours: 6, timezone: expect.any(String), enabled: true },
    });
  });

  it("writes a preset in words as the cron expression it sends", async () => {
    const { user, onSubmit, urls } = setup();
    await fillSites(user, urls);
    await enter(user, screen.getByLabelText(/^Name\s*$/), "Mornings");
    await user.click(screen.getByText("Days and times"));
    await user.selectOptions(screen.getByLabelText("Repeat"), "weekdays");
    fireEvent.change(screen.getByLabelText("at"), { target: { value: "07:30" } });
    expect(screen.getByLabelText("Cron expression")).toHaveValue("30 7 * * 1-5");
    const zone = screen.getByLabelText("Time zone");
    await user.clear(zone);
    await enter(user, zone, "Europe/Paris");
    await user.click(screen.getByRole("button", { name: "Create set" }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]![0].schedule).toEqual({ cron: "30 7 * * 1-5", timezone: "Europe/Paris", enabled: true });

    await user.selectOptions(screen.getByLabelText("Repeat"), "weekly");
    await user.selectOptions(screen.getByLabelText("on"), "Friday");
    expect(screen.getByLabelText("Cron expression")).toHaveValue("30 7 * * 5");
    await user.selectOptions(screen.getByLabelText("Repeat"), "custom");
    expect(screen.queryByLabelText("at")).not.toBeInTheDocument();
    expect(screen.getByLabelText("Cron expression")).toHaveValue("30 7 * * 5");
  });

  it("sends no schedule when the set runs only by hand", async () => {
    const { user, onSubmit, urls } = setup();
    await fillSites(user, urls);
    await enter(user, screen.getByLabelText(/^Name\s*$/), "Watch");
    await user.click(screen.getByRole("button", { name: "Create set" }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]![0]).toMatchObject({ schedule: null, ignore_selectors: {}, labels: {} });
  });

  it("puts the server's verdicts beside the fields they name", async () => {
    const onSubmit = vi
      .fn<(body: SetCreate) => Promise<unknown>>()
      .mockRejectedValueOnce(
        new ApiError(422, "invalid", [
          { loc: ["body", "schedule", "cron"], msg: "Bad day of week: 8" },
          { loc: ["body", "ignore_selectors", "rival.com"], msg: "'p:nope' is not a valid selector" },
          { loc: ["body", "urls", 1], msg: "'http://rival.com/' points to a private or loopback address" },
        ]),
      )
      .mockRejectedValueOnce(new ApiError(409, "a set named 'Watch' already exists"));
    const { user, urls } = setup({ onSubmit });
    await fillSites(user, urls);
    await enter(user, screen.getByLabelText(/^Name\s*$/), "Watch");
    await user.click(screen.getByText("Days and times"));
    await user.click(screen.getByText(/Ignore parts of pages/));
    await user.type(screen.getAllByTestId("ignore-selectors")[1]!, "p");
    await user.click(screen.getByRole("button", { name: "Create set" }));
    expect(await screen.findByText("Bad day of week: 8")).toBeInTheDocument();
    expect(screen.getByText("'p:nope' is not a valid selector")).toBeInTheDocument();
    const privateUrl = screen.getByText(/points to a private or loopback address/);
    expect(privateUrl.closest("li")?.querySelector("input")).toBe(urls()[1]);

    await user.click(screen.getByRole("button", { name: "Create set" }));
    const duplicate = await screen.findByText("a set named 'Watch' already exists");
    expect(duplicate.closest(".field")?.querySelector("input")).toBe(screen.getByLabelText(/^Name\s*$/));
  });

  it("starts from the set being edited", () => {
    const initial: SetRead = {
      id: "set-1",
      name: "Rivals",
      urls: ["https://rival.example/", "https://you.example/"],
      primary_url: "https://you.example/",
      mode: "static",
      ignore_selectors: { "https://rival.example/": [".ticker", "#date"] },
      labels: { "https://rival.example/": "Rival" },
      runs: 1,
      schedule: {
        every_hours: null,
        cron: "0 9 * * 1",
        timezone: "Europe/Paris",
        enabled: false,
        next_run_at: null,
        last_run_at: null,
        description: "Every Monday at 09:00 (Europe/Paris)",
      },
      run_count: 3,
      last_run: null,
      created_at: "2026-11-01T00:00:00Z",
      updated_at: "2026-11-01T00:00:00Z",
    };
    const { urls } = setup({ initial });
    expect(urls().map((input) => input.value)).toEqual(["https://you.example/", "https://rival.example/"]);
    expect(screen.getByLabelText(/^Name\s*$/)).toHaveValue("Rivals");
    expect(screen.getByLabelText("Cron expression")).toHaveValue("0 9 * * 1");
    expect(screen.getByLabelText("Repeat")).toHaveValue("weekly");
    expect(screen.getByLabelText("on")).toHaveValue("1");
    expect(screen.getByLabelText("at")).toHaveValue("09:00");
    expect(screen.getByLabelText("Time zone")).toHaveValue("Europe/Paris");
    expect(screen.getByRole("checkbox", { name: /Active/ })).not.toBeChecked();
    expect(screen.getAllByTestId("ignore-selectors")[1]).toHaveValue(".ticker\n#date");
    expect((screen.getAllByTestId("url-label") as HTMLInputElement[]).map((input) => input.value)).toEqual(["", "Rival"]);
  });

  it("puts the server's verdict on a label beside its site", async () => {
    const onSubmit = vi
      .fn<(body: SetCreate) => Promise<unknown>>()
      .mockRejectedValueOnce(new ApiError(422, "invalid", [{ loc: ["body", "labels", "rival.com"], msg: "a label has at most 200 characters (got 201)" }]));
    const { user, urls } = setup({ onSubmit });
    await fillSites(user, urls);
    await enter(user, screen.getByLabelText(/^Name\s*$/), "Watch");
    await enter(user, screen.getAllByTestId("url-label")[1]!, "x".repeat(201));
    await user.click(screen.getByRole("button", { name: "Create set" }));
    const problem = await screen.findByText(/a label has at most 200 characters/);
    expect(problem.closest("li")?.querySelector("input")).toBe(urls()[1]);
  });
  describe("the crawl of each run", () => {
    const saved: SetRead = {
      id: "set-2",
      name: "Docs",
      urls: ["https://you.example/", "https://rival.example/"],
      primary_url: "https://you.example/",
      mode: "static",
      ignore_selectors: {},
      labels: {},
      runs: 1,
      crawl: { pages: 25, depth: 2, include: ["/docs/*"], exclude: ["/docs/old/*", "*?page=*"], subdomains: true },
      schedule: null,
      run_count: 0,
      last_run: null,
      created_at: "2026-11-01T00:00:00Z",
      updated_at: "2026-11-01T00:00:00Z",
    };

    it("sends pages per site, depth and patterns as the set's crawl", async () => {
      const { user, onSubmit, urls } = setup();
      await fillSites(user, urls);
      await enter(user, screen.getByLabelText(/^Name\s*$/), "Whole sites");
      expect(screen.getByLabelText("Pages per site")).toHaveValue("1");
      await user.clear(screen.getByLabelText("Pages per site"));
      await user.type(screen.getByLabelText("Pages per site"), "40");
      await user.click(screen.getByText("Advanced crawl options"));
      await user.type(screen.getByLabelText(/^Depth/), "3");
      await enter(user, screen.getByLabelText(/^Only pages matching/), "/blog/*\n\n /news/* ");
      await enter(user, screen.getByLabelText(/^Skip pages matching/), "/tag/*");
      await user.click(screen.getByLabelText(/Follow links to other subdomains/));
      await user.click(screen.getByRole("button", { name: "Create set" }));
      await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
      expect(onSubmit.mock.calls[0]![0].crawl).toEqual({
        pages: 40,
        depth: 3,
        include: ["/blog/*", "/news/*"],
        exclude: ["/tag/*"],
        subdomains: true,
      });
    });

    it("leaves the depth to the server's default of 5 when none is typed", async () => {
      const { user, onSubmit, urls } = setup();
      await fillSites(user, urls);
      await enter(user, screen.getByLabelText(/^Name\s*$/), "Whole sites");
      await user.clear(screen.getByLabelText("Pages per site"));
      await user.type(screen.getByLabelText("Pages per site"), "10");
      await user.click(screen.getByRole("button", { name: "Create set" }));
      await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
      expect(onSubmit.mock.calls[0]![0].crawl).toEqual({ pages: 10, depth: 5, include: [], exclude: [], subdomains: false });
    });

    it("checks the crawl's fields in words before sending", async () => {
      const { user, onSubmit, urls } = setup();
      await fillSites(user, urls);
      await enter(user, screen.getByLabelText(/^Name\s*$/), "Whole sites");
      await user.clear(screen.getByLabelText("Pages per site"));
      await user.type(screen.getByLabelText("Pages per site"), "0");
      await user.click(screen.getByRole("button", { name: "Create set" }));
      expect(await screen.findByText(/Pages per site is a whole number from 1/)).toBeInTheDocument();
      expect(screen.getByLabelText("Pages per site")).toHaveAttribute("aria-invalid", "true");
      expect(onSubmit).not.toHaveBeenCalled();
    });

    it("shows the edited set's crawl and keeps it when saved unchanged", async () => {
      const { user, onSubmit } = setup({ initial: saved });
      expect(screen.getByLabelText("Pages per site")).toHaveValue("25");
      // Its options are not the defaults: they show without a click.
      expect(screen.getByLabelText(/^Depth/)).toBeVisible();
      expect(screen.getByLabelText(/^Depth/)).toHaveValue("2");
      expect(screen.getByLabelText(/^Only pages matching/)).toHaveValue("/docs/*");
      expect(screen.getByLabelText(/^Skip pages matching/)).toHaveValue("/docs/old/*\n*?page=*");
      expect(screen.getByLabelText(/Follow links to other subdomains/)).toBeChecked();
      await user.click(screen.getByRole("button", { name: "Create set" }));
      await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
      expect(onSubmit.mock.calls[0]![0].crawl).toEqual(saved.crawl);
    });

    it("goes back to the start pages only (null) when pages per site is set to 1", async () => {
      const { user, onSubmit } = setup({ initial: saved });
      await user.clear(screen.getByLabelText("Pages per site"));
      await user.type(screen.getByLabelText("Pages per site"), "1");
      await user.click(screen.getByRole("button", { name: "Create set" }));
      await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
      const body = onSubmit.mock.calls[0]![0];
      expect(body).toHaveProperty("crawl", null);
    });

    it("an edited set without a crawl shows one page per site and sends null", async () => {
      const { user, onSubmit } = setup({ initial: { ...saved, crawl: null } });
      expect(screen.getByLabelText("Pages per site")).toHaveValue("1");
      expect(screen.getByLabelText(/^Depth/)).not.toBeVisible();
      await user.click(screen.getByRole("button", { name: "Create set" }));
      await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
      expect(onSubmit.mock.calls[0]![0]).toHaveProperty("crawl", null);
    });

    it("puts the server's verdicts on the crawl beside its fields", async () => {
      const onSubmit = vi
        .fn<(body: SetCreate) => Promise<unknown>>()
        .mockRejectedValueOnce(
          new ApiError(422, "invalid", [
            { loc: ["body", "crawl", "pages"], msg: "Input should be less than or equal to 4000" },
            { loc: ["body", "crawl", "exclude", 0], msg: "a pattern may not contain a NUL character" },
          ]),
        );
      const { user, urls } = setup({ onSubmit });
      await fillSites(user, urls);
      await enter(user, screen.getByLabelText(/^Name\s*$/), "Whole sites");
      await user.clear(screen.getByLabelText("Pages per site"));
      await user.type(screen.getByLabelText("Pages per site"), "4500");
      await user.click(screen.getByText("Advanced crawl options"));
      await enter(user, screen.getByLabelText(/^Skip pages matching/), "/x");
      await user.click(screen.getByText("Advanced crawl options"));
      await user.click(screen.getByRole("button", { name: "Create set" }));
      const pages = await screen.findByText("Input should be less than or equal to 4000");
      expect(pages.closest(".field")?.querySelector("input")).toBe(screen.getByLabelText("Pages per site"));
      expect(screen.getByLabelText("Pages per site")).toHaveAttribute("aria-invalid", "true");
      const exclude = screen.getByText("a pattern may not contain a NUL character");
      // The advanced options open to show it, beside its field.
      expect(exclude).toBeVisible();
      expect(exclude.closest(".field")?.querySelector("textarea")).toBe(screen.getByLabelText(/^Skip pages matching/));
      // Neither is repeated as a problem of the whole form.
      expect(screen.getAllByText(/less than or equal to 4000/)).toHaveLength(1);
      // Editing the field clears its verdict.
      await user.type(screen.getByLabelText("Pages per site"), "0");
      expect(screen.queryByText("Input should be less than or equal to 4000")).not.toBeInTheDocument();
    });
  });
});
