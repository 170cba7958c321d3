// llmkg: the SPARQL editor and named-query pages. Own small script, no external assets.
// Sends the query to the endpoint, renders SPARQL JSON results as a table (IRIs linked to their
// pages), RDF results as text, and errors by their JSON message.
(function () {
  "use strict";
  const form = document.getElementById("sparql-form") || document.getElementById("named-form");
  if (!form) return;
  const status = document.getElementById("status");
  const results = document.getElementById("results");
  const base = form.dataset.base || "";

  function pageHref(iri) {
    if (iri.startsWith(base) && iri.length > base.length && iri.indexOf("#", base.length) < 0) {
      return "/page/" + iri.slice(base.length);
    }
    return "/page?iri=" + encodeURIComponent(iri);
  }

  function cell(term) {
    const td = document.createElement("td");
    if (!term) return td;
    if (term.type === "uri") {
      const a = document.createElement("a");
      a.href = pageHref(term.value);
      a.title = term.value;
      a.textContent = term.value.startsWith(base) ? term.value.slice(base.length) : term.value;
      td.appendChild(a);
    } else if (term.type === "bnode") {
      td.textContent = "_:" + term.value;
    } else {
      td.textContent = term.value;
      const note = term["xml:lang"] || (term.datatype ? term.datatype.split(/[#/]/).pop() : "");
      if (note) {
        const small = document.createElement("small");
        small.className = "dt";
        small.textContent = " " + note;
        td.appendChild(small);
      }
    }
    return td;
  }

  function table(data) {
    if ("boolean" in data) {
      const p = document.createElement("p");
      p.textContent = data.boolean ? "true" : "false";
      return p;
    }
    const t = document.createElement("table");
    const head = t.createTHead().insertRow();
    for (const v of data.head.vars) {
      const th = document.createElement("th");
      th.textContent = v;
      head.appendChild(th);
    }
    const body = t.createTBody();
    for (const b of data.results.bindings) {
      const tr = body.insertRow();
      for (const v of data.head.vars) tr.appendChild(cell(b[v]));
    }
    return t;
  }

  function show(message, isError) {
    status.textContent = message;
    status.className = isError ? "error" : "";
  }

  async function run(event) {
    event.preventDefault();
    show("running…", false);
    results.replaceChildren();
    const started = performance.now();
    let response;
    try {
      if (form.id === "sparql-form") {
        const body = new URLSearchParams({ query: document.getElementById("query").value });
        response = await fetch(form.dataset.endpoint, {
          method: "POST", body: body,
          headers: { "Content-Type": form.dataset.formType, "Accept": form.dataset.accept },
        });
      } else {
        const params = new URLSearchParams();
        for (const input of form.querySelectorAll("input[name]")) if (input.value) params.set(input.name, input.value);
        history.replaceState(null, "", "?" + params.toString());
        response = await fetch(form.dataset.endpoint + "?" + params.toString(), { headers: { "Accept": form.dataset.accept } });
      }
    } catch (e) {
      show("request failed: " + e, true);
      return;
    }
    const ms = Math.round(performance.now() - started);
    const type = (response.headers.get("Content-Type") || "").split(";")[0];
    if (!response.ok) {
      let message = response.status + " " + response.statusText;
      try {
        const error = (await response.json()).error;
        const where = Object.entries(error.where || {}).map(([k, v]) => k + " " + v).join(", ");
        message = error.message + (where ? " (" + where + ")" : "");
      } catch (e) { /* not JSON */ }
      show(message, true);
      return;
    }
    if (type.endsWith("json") && !type.includes("ld+json")) {
      const data = await response.json();
      const n = data.results ? data.results.bindings.length : 1;
      show(n + (data.results ? " rows" : " answer") + " in " + ms + " ms", false);
      results.appendChild(table(data));
    } else {
      const pre = document.createElement("pre");
      pre.textContent = await response.text();
      show(type + " in " + ms + " ms", false);
      results.appendChild(pre);
    }
  }

  form.addEventListener("submit", run);
  // A named query's page opened with its parameters in the URL (a shared link) runs at once.
  if (form.id === "named-form" && location.search) {
    const inputs = Array.from(form.querySelectorAll("input[name]"));
    if (inputs.every((i) => !i.required || i.value)) run(new Event("submit"));
  }
  for (const button of document.querySelectorAll("button.example")) {
    button.addEventListener("click", function () {
      document.getElementById("query").value = button.dataset.query;
    });
  }
})();
