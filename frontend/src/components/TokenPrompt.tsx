import { useEffect, useState, type FormEvent } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { UNAUTHORIZED_EVENT, getToken, setToken } from "../api/client";

/** Asks for an API token when the server answers 401 (it runs with AURA_API_TOKENS). */
export function TokenPrompt() {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState("");

  useEffect(() => {
    const show = () => setOpen(true);
    window.addEventListener(UNAUTHORIZED_EVENT, show);
    return () => window.removeEventListener(UNAUTHORIZED_EVENT, show);
  }, []);

  if (!open) return null;
  const hadToken = getToken() !== null;
  const save = (event: FormEvent) => {
    event.preventDefault();
    setToken(value.trim() || null);
    setOpen(false);
    setValue("");
    void queryClient.invalidateQueries();
  };
  return (
    <div className="modal" role="dialog" aria-modal="true" aria-labelledby="token-title">
      <form className="modal__box" onSubmit={save}>
        <h2 id="token-title">API token required</h2>
        <p className="muted">
          {hadToken
            ? "The server did not accept the saved token. Enter a valid one."
            : "This Aura server requires an API token. It is kept in this browser only."}
        </p>
        <input
          type="password"
          autoFocus
          autoComplete="off"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          placeholder="Token"
          aria-label="API token"
        />
        <div className="modal__actions">
          <button type="button" className="button button--ghost" onClick={() => setOpen(false)}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={!value.trim()}>
            Save token
          </button>
        </div>
      </form>
    </div>
  );
}
