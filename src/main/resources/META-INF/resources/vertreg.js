// The node's web page: the live worklist, a job's detail with its overlay, a patient's history and, for auditors and
// administrators, the audit search. Plain JavaScript over the REST API with HTTP Basic; the credentials live in this
// tab's session storage only. The live worklist reads the server-sent events with fetch (EventSource cannot send them).
'use strict';
const $ = id => document.getElementById(id);
let auth = sessionStorage.getItem('vertreg.auth');

async function api(path, options = {}) {
  const r = await fetch(path, {...options, headers: {...(options.headers || {}), Authorization: auth, 'X-Requested-With': 'XMLHttpRequest'}});
  if (r.status === 401) { logout('Wrong user or password.'); throw new Error('401'); }
  return r;
}

function cell(row, text) { const td = row.insertCell(); td.textContent = text == null ? '' : String(text); return td; }

function showJob(tbody, job) {
  let row = document.getElementById('job-' + job.id);
  if (!row) {
    row = tbody.insertRow(0);
    row.id = 'job-' + job.id;
    row.className = 'job';
    row.addEventListener('click', () => detail(job.id));
    for (let i = 0; i < 5; i++) row.insertCell();
  }
  const c = row.cells;
  c[0].textContent = job.id; c[1].textContent = job.kind; c[2].textContent = job.state; c[2].className = 'state-' + job.state;
  c[3].textContent = note(job); c[4].textContent = when(job.createdAt); c[4].title = job.createdAt || '';
}

// A time as people in the room read it: the browser's local date and time to the second (the exact instant as a tooltip).
function when(instant) {
  if (!instant) return '';
  const d = new Date(instant);
  if (isNaN(d)) return instant;
  const two = n => String(n).padStart(2, '0');
  return d.getFullYear() + '-' + two(d.getMonth() + 1) + '-' + two(d.getDate()) + ' ' + two(d.getHours()) + ':' + two(d.getMinutes()) + ':'
      + two(d.getSeconds());
}

// What a row says of its job: why it failed or waits to retry, what a finished registration found, or how far it got.
// An earlier attempt's error is not shown once the job has completed.
function note(job) {
  if (job.state === 'FAILED' || job.state === 'RETRYABLE') return job.lastError || job.progress || '';
  if (job.state === 'CANCELLED') return 'cancelled';
  if (job.state === 'COMPLETED') {
    const s = job.stateData || {};
    if (s.level) {
      return s.level + (typeof s.qualityScore === 'number' ? ', quality ' + s.qualityScore.toFixed(2) : '')
          + (s.lowConfidence ? ', low confidence' : '');
    }
    if (s.levelName && typeof s.validationMeanTreMm === 'number') {
      return s.levelName + ' prepared, validation mTRE ' + s.validationMeanTreMm.toFixed(1) + ' mm';
    }
    if (s.sentTo) return 'sent ' + (s.instances || []).length + ' object(s) to ' + s.sentTo;
    return '';
  }
  return job.progress || '';
}

async function worklist() {
  const tbody = $('worklist').tBodies[0];
  tbody.innerHTML = '';
  const jobs = await (await api('/api/jobs?limit=100')).json();
  jobs.reverse().forEach(j => showJob(tbody, j));
  live(tbody);
}

async function live(tbody) {
  let last = null;
  for (;;) {
    try {
      const headers = {Accept: 'text/event-stream'};
      if (last) headers['Last-Event-ID'] = last;
      const r = await api('/api/jobs/events', {headers});
      $('live').textContent = 'live';
      const reader = r.body.getReader(), decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const {value, done} = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, {stream: true});
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const event = buffer.slice(0, end); buffer = buffer.slice(end + 2);
          let data = '';
          for (const line of event.split('\n')) {
            if (line.startsWith('id:')) last = line.slice(3).trim();
            if (line.startsWith('data:')) data += line.slice(5).trim();
          }
          if (data) showJob(tbody, JSON.parse(data));
        }
      }
    } catch (e) {
      if (!auth) return;
    }
    $('live').textContent = 'reconnecting';
    await new Promise(done => setTimeout(done, 2000));
  }
}

async function detail(id) {
  const job = await (await api('/api/jobs/' + id)).json();
  $('detail').hidden = false;
  $('detail-id').textContent = job.id + ' (' + job.kind + ')';
  const fields = $('detail-fields'); fields.innerHTML = '';
  const s = job.stateData || {};
  const rows = {State: job.state, Level: s.level, 'Chosen by': s.levelRule, 'Pose (rx ry rz °, tx ty tz mm)': s.pose && s.pose.map(v => v.toFixed(2)).join('  '),
    Quality: s.qualityScore != null ? s.qualityScore.toFixed(3) + (s.lowConfidence ? ' — LOW CONFIDENCE' : '') : null,
    'Stages (ms)': s.stageMs && ['target', 'resample', 'predict', 'refine'].filter(k => k in s.stageMs)
        .map(k => k + ' ' + Math.round(s.stageMs[k])).join(', '),
    'Sent to': (job.sends || []).map(d => d.aeTitle + ' at ' + d.host + ':' + d.port + ' — ' + d.state
        + (d.state === 'COMPLETED' ? '' : d.lastError ? ' (' + d.lastError + ')' : '')).join('; ') || null,
    Progress: job.state === 'COMPLETED' ? null : job.progress, Error: job.state === 'COMPLETED' ? null : job.lastError};
  for (const [k, v] of Object.entries(rows)) {
    if (v == null) continue;
    const dt = document.createElement('dt'); dt.textContent = k;
    const dd = document.createElement('dd'); dd.textContent = v; dd.id = 'detail-' + k.split(' ')[0].toLowerCase().replace(/[^a-z]/g, '');
    fields.append(dt, dd);
  }
  const img = $('overlay');
  img.hidden = true;
  const png = await api('/api/jobs/' + id + '/overlay.png');
  if (png.ok) { img.src = URL.createObjectURL(await png.blob()); img.hidden = false; }
  const list = $('transitions'); list.innerHTML = '';
  for (const t of job.transitions || []) {
    const li = document.createElement('li');
    li.textContent = (t.from || 'new') + ' → ' + t.to + ' at ' + when(t.at) + (t.worker ? ' by ' + t.worker : '') + (t.reason ? ': ' + t.reason : '');
    list.append(li);
  }
}

async function history(event) {
  event.preventDefault();
  const tbody = $('history').tBodies[0]; tbody.innerHTML = '';
  const r = await api('/api/patients/' + encodeURIComponent($('patient').value) + '/registrations');
  $('history-error').hidden = r.ok;
  if (!r.ok) { $('history-error').textContent = 'No such patient.'; return; }
  for (const h of await r.json()) {
    const row = tbody.insertRow();
    [h.jobId, h.state, h.level, h.qualityScore != null ? h.qualityScore.toFixed(3) : '', h.pose ? h.pose.map(v => v.toFixed(1)).join(' ') : '',
      when(h.createdAt)].forEach(v => cell(row, v));
  }
}

function auditQuery() {
  const q = new URLSearchParams();
  if ($('audit-type').value) q.set('type', $('audit-type').value);
  if ($('audit-actor').value) q.set('actor', $('audit-actor').value);
  return q;
}

async function audit(event) {
  if (event) event.preventDefault();
  const r = await api('/api/audit?' + auditQuery());
  $('audit-refused').hidden = r.status !== 403;
  $('audit-table').hidden = !r.ok;
  if (!r.ok) return;
  const tbody = $('audit-table').tBodies[0]; tbody.innerHTML = '';
  for (const e of await r.json()) {
    const row = tbody.insertRow();
    [when(e.occurredAt), e.eventType, e.outcome, e.actor, e.objectUid, e.detail].forEach(v => cell(row, v));
  }
}

async function csv(event) {
  event.preventDefault();
  const q = auditQuery(); q.set('format', 'csv');
  const r = await api('/api/audit?' + q);
  if (!r.ok) return;
  const a = document.createElement('a');
  a.href = URL.createObjectURL(await r.blob()); a.download = 'audit.csv'; a.click();
}

async function start() {
  $('login').hidden = true; $('app').hidden = false; $('logout').hidden = false;
  $('who').textContent = atob(auth.slice(6)).split(':')[0];
  await worklist().catch(() => {});
  await audit().catch(() => {});
}

function logout(message) {
  auth = null; sessionStorage.removeItem('vertreg.auth');
  $('app').hidden = true; $('login').hidden = false; $('logout').hidden = true; $('who').textContent = '';
  $('login-error').hidden = !message; $('login-error').textContent = message || '';
}

$('login-form').addEventListener('submit', async event => {
  event.preventDefault();
  const candidate = 'Basic ' + btoa($('user').value + ':' + $('password').value);
  const r = await fetch('/api/jobs?limit=1', {headers: {Authorization: candidate, 'X-Requested-With': 'XMLHttpRequest'}});
  if (!r.ok) { logout(r.status === 401 ? 'Wrong user or password.' : 'The node refused: ' + r.status); return; }
  auth = candidate; sessionStorage.setItem('vertreg.auth', auth);
  start();
});
$('logout').addEventListener('click', () => logout());
$('history-form').addEventListener('submit', history);
$('audit-form').addEventListener('submit', audit);
$('audit-csv').addEventListener('click', csv);
if (auth) start();
