// firsthand's only script: served from the package (the CSP allows no inline or remote script).
"use strict";

function scrollToHighlight() {
  const first = document.querySelector(".sentence.hl");
  if (first) first.scrollIntoView({ block: "center" });
}

function setText(id, text) {
  const node = document.getElementById(id);
  if (node) node.textContent = text;
}

function fillList(id, items, href) {
  // Built with textContent, never innerHTML: file names and error messages are untrusted.
  const list = document.getElementById(id);
  if (!list) return;
  list.replaceChildren(...items.map((item) => {
    const li = document.createElement("li");
    if (href) {
      const a = document.createElement("a");
      a.href = href(item);
      a.textContent = item;
      li.append(a);
    } else {
      li.textContent = item;
    }
    return li;
  }));
}

function showJob(job) {
  setText("job-state", job.state);
  setText("job-inputs", `${job.inputs_started} of ${job.inputs}`);
  setText("job-new", String(job.added.new));
  setText("job-known", String(job.added.known + job.added.merged));
  setText("job-read", `${job.read_done} of ${job.read_total}`);
  const bar = document.getElementById("job-progress");
  if (bar) {
    const steps = job.inputs + job.read_total;
    bar.value = job.finished ? 1 : steps ? (job.inputs_started + job.read_done) / (steps + 1) : 0;
  }
  fillList("job-reports", job.report_ids, (id) => `/reports/${encodeURIComponent(id)}`);
  fillList("job-outcome", job.outcome, null);
  fillList("job-errors", job.errors, null);
  document.getElementById("job").dataset.state = job.state;
}

async function pollJob(section) {
  try {
    const response = await fetch(section.dataset.status, { headers: { Accept: "application/json" } });
    if (!response.ok) throw new Error(`status ${response.status}`);
    const job = await response.json();
    showJob(job);
    if (job.finished) return;
  } catch (error) {
    setText("job-state", `unknown (${error.message}); retrying`);
  }
  setTimeout(() => pollJob(section), 500);
}

document.addEventListener("DOMContentLoaded", () => {
  scrollToHighlight();
  const job = document.getElementById("job");
  if (job && !["done", "failed"].includes(job.dataset.state)) pollJob(job);
});
