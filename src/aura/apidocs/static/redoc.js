// Starts ReDoc on /redoc (a served file, so no inline script is needed).
Redoc.init(
  document.body.dataset.openapiUrl,
  { hideDownloadButton: false, expandResponses: "200,201" },
  document.getElementById("redoc"),
);
