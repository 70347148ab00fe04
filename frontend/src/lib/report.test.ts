import { describe, expect, it } from "vitest";
import { renderProfiles } from "./report";

describe("renderProfiles", () => {
  it("reads each profile's figures and says what qualifies them", () => {
    const result = {
      browser: {
        profiles: [
          { profile: "mobile", fcp_ms: 812.5, cls: 0.02, js_errors: ["TypeError: x"], settled: false },
          { profile: "desktop", fcp_ms: 300, load_ms: null, load_timed_out: true, settled: true },
        ],
      },
    };
    const profiles = renderProfiles(result);
    expect(profiles).toHaveLength(2);
    expect(profiles[0]).toMatchObject({ profile: "mobile", fcpMs: 812.5, cls: 0.02, jsErrors: 1 });
    expect(profiles[0]?.caveats).toEqual(["still loading or moving when measured"]);
    expect(profiles[1]?.caveats).toEqual(["the load event did not come in time"]);
  });

  it("has no caveat for results recorded before runs said whether the page settled", () => {
    const profiles = renderProfiles({ browser: { profiles: [{ profile: "desktop", fcp_ms: 120 }] } });
    expect(profiles.map((run) => run.caveats)).toEqual([[]]);
  });

  it("says when the mobile figures are for a simulated or throttled slow 4G", () => {
    const throttling = (method: string | null) => ({
      profile: "mobile",
      conditions: { cpu_slowdown: 4, network_throttling: method === null ? null : { method } },
    });
    const profiles = renderProfiles({
      browser: { profiles: [throttling("simulated"), throttling("devtools"), throttling(null)] },
    });
    expect(profiles.map((run) => run.network)).toEqual([
      "slow 4G, simulated from an unthrottled load",
      "slow 4G, throttled by DevTools",
      null,
    ]);
  });

  it("is empty for a static analysis", () => {
    expect(renderProfiles({ mode: "static" })).toEqual([]);
  });
});
