import { describe, expect, it } from "vitest";
import { normaliseUrl, splitPastedUrls, validateForm, type UrlRow } from "./urls";

// The same cases as the API's tests/test_urls.py: the form must judge URLs as the API does.
describe("normaliseUrl", () => {
  it.each([
    ["example.com", "https://example.com/"],
    ["  HTTPS://WWW.Example.COM  ", "https://www.example.com/"],
    ["http://example.com:80/a?b=1#frag", "http://example.com/a?b=1"],
    ["https://example.com:8443", "https://example.com:8443/"],
    ["example.com:8080/x", "https://example.com:8080/x"],
    ["127.0.0.1:9000", "http://127.0.0.1:9000/"],
    ["localhost:3000/app", "http://localhost:3000/app"],
    ["http://[::1]:8080/", "http://[::1]:8080/"],
    ["https://bücher.example/", "https://xn--bcher-kva.example/"],
    ["https://example.com./", "https://example.com/"],
  ])("normalises %s", (raw, expected) => {
    expect(normaliseUrl(raw)).toBe(expected);
  });

  it.each([
    ["", "an empty URL was given"],
    ["file:///etc/passwd", "'file:///etc/passwd' uses the scheme 'file'; only http and https"],
    ["data:text/html,hi", "scheme 'data'"],
    ["javascript:alert(1)", "'javascript:alert(1)' uses the scheme 'javascript'; only http and https"],
    ["gopher://example.com/", "scheme 'gopher'"],
    ["http://user@example.com/", "'http://user@example.com/' contains credentials; they are not allowed"],
    ["http://a b.example/", "contains white space or control characters"],
    ["http://example.com:99999/", "not a valid URL"],
    ["http://-bad-.example/", "'http://-bad-.example/' has an invalid host name '-bad-.example'"],
    ["http://2130706433/", "invalid host name"],
    ["http://0x7f000001/", "invalid host name"],
    ["http://0177.0.0.1/", "invalid host name"],
    [`https://${"a".repeat(2100)}.example/`, "longer than 2048 characters"],
    ["http:/example.com", "'http:/example.com' is not a valid URL: write http://host/"],
    ["http://example.com:0/", "has port 0, which nothing can listen on"],
  ])("refuses %s with the API's message", (raw, message) => {
    expect(() => normaliseUrl(raw)).toThrow(message);
  });
});

function rows(...values: string[]): UrlRow[] {
  return values.map((value, index) => ({ key: `r${index}`, value }));
}

describe("validateForm", () => {
  it("accepts an own site and a competitor, ignoring blank competitor rows", () => {
    const problems = validateForm(rows("mysite.com", "rival.com", ""), "");
    expect(problems).toEqual({ rows: {} });
  });

  it("counts the sites as the API does, and says what to do in the user's words", () => {
    expect(validateForm(rows("mysite.com", "", ""), "").urls).toBe("Add at least one competitor.");
    expect(validateForm(rows(...Array.from({ length: 4 }, (_, i) => `s${i}.com`)), "", 3).urls).toBe(
      "Compare at most 2 competitors: remove 1 site.",
    );
  });

  it("requires the own site even when blank", () => {
    expect(validateForm(rows("", "rival.com"), "").rows.r0).toBe("an empty URL was given");
  });

  it("names the earlier entry of a duplicate, after normalisation", () => {
    const problems = validateForm(rows("https://Example.com", "example.com/#top"), "");
    expect(problems.rows.r1).toBe("'example.com/#top' is the same URL as entry 1 (https://example.com/)");
    expect(problems.rows.r0).toBeUndefined();
  });

  it("limits the name to 200 characters", () => {
    expect(validateForm(rows("a.com", "b.com"), "x".repeat(201)).name).toMatch(/at most 200/);
  });
});

describe("splitPastedUrls", () => {
  it("splits lines, spaces, commas and semicolons", () => {
    expect(splitPastedUrls("a.com\nb.com, c.com;d.com  e.com\r\n")).toEqual(["a.com", "b.com", "c.com", "d.com", "e.com"]);
  });
});
