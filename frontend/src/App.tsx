import { lazy, Suspense, useEffect, useState } from "react";
import { Link, NavLink, Route, Routes, useLocation } from "react-router-dom";
import { ServerStatus } from "./components/ServerStatus";
import { Loading } from "./components/States";
import { TokenPrompt } from "./components/TokenPrompt";
import { DashboardPage } from "./pages/DashboardPage";
import { NewComparisonPage } from "./pages/NewComparisonPage";
import { NotFoundPage } from "./pages/NotFoundPage";
import { EditSetPage, NewSetPage } from "./pages/SetEditPage";
import { SetsPage } from "./pages/SetsPage";

// The results pages carry the charts: loaded when first needed, not with the dashboard.
const BatchPage = lazy(() => import("./pages/BatchPage").then((m) => ({ default: m.BatchPage })));
const AnalysisPage = lazy(() => import("./pages/AnalysisPage").then((m) => ({ default: m.AnalysisPage })));
const SetPage = lazy(() => import("./pages/SetPage").then((m) => ({ default: m.SetPage })));

export function App() {
  // On a phone the links fold behind a menu button; any navigation folds them again.
  const [menuOpen, setMenuOpen] = useState(false);
  const location = useLocation();
  useEffect(() => setMenuOpen(false), [location.pathname]);
  return (
    <div className="app">
      <header className="topbar">
        <div className="topbar__inner">
          <Link to="/" className="brand" aria-label="Aura home">
            <span className="brand__mark" aria-hidden="true" />
            <span className="brand__name">Aura</span>
          </Link>
          <button
            type="button"
            className="topbar__menu button button--ghost button--small"
            aria-expanded={menuOpen}
            aria-controls="main-nav"
            onClick={() => setMenuOpen((open) => !open)}
          >
            {menuOpen ? "Close" : "Menu"}
          </button>
          <nav id="main-nav" className={`topnav${menuOpen ? " is-open" : ""}`} aria-label="Main">
            <NavLink to="/" end>
              Comparisons
            </NavLink>
            <NavLink to="/sets">Sets</NavLink>
            <NavLink to="/new" className="button button--primary button--small">
              New comparison
            </NavLink>
          </nav>
        </div>
      </header>
      <ServerStatus />
      <TokenPrompt />
      <main className="page">
        <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/" element={<DashboardPage />} />
          <Route path="/new" element={<NewComparisonPage />} />
          <Route path="/batches/:batchId" element={<BatchPage />} />
          <Route path="/analyses/:analysisId" element={<AnalysisPage />} />
          <Route path="/sets" element={<SetsPage />} />
          <Route path="/sets/new" element={<NewSetPage />} />
          <Route path="/sets/:setId" element={<SetPage />} />
          <Route path="/sets/:setId/edit" element={<EditSetPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
        </Suspense>
      </main>
      <footer className="footer">Aura · self-hosted competitive website analysis</footer>
    </div>
  );
}
