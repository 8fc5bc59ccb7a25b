/**
 * The script of the report's page (run in the browser, after uPlot): it reads the data from the
 * page's `<script type="application/json" id="report-data">` and draws it. Every text of the logs
 * goes into the page with textContent (never as HTML), so a response holding `<script>` shows as
 * that text. A live page (the dashboard) gets new data from its server by Server-Sent Events.
 * Plain ES2020, no eval.
 */
export const CLIENT_SCRIPT = String.raw`
'use strict';
(function () {
  var COLORS = ['#4e79a7', '#59a14f', '#f28e2b', '#e15759', '#b07aa1', '#76b7b2', '#edc948', '#ff9da7', '#9c755f', '#bab0ac', '#2f4b7c', '#a05195'];
  var plots = [];

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function iso(t) {
    return t === null || t === undefined ? '-' : new Date(t * 1000).toISOString().replace('.000Z', 'Z');
  }
  function pct(x) {
    return x === null || x === undefined || isNaN(x) ? '-' : (x * 100).toFixed(1) + '%';
  }
  function rate(ok, failed) {
    return ok + failed === 0 ? null : ok / (ok + failed);
  }
  function width() {
    return Math.max(320, Math.min(1100, document.documentElement.clientWidth - 48));
  }

  /** A table whose rows sort by a column when its header is clicked (again: the other way). */
  function table(head, rows, numeric) {
    var t = el('table', { class: 'sortable' });
    var thead = el('thead');
    var tr = el('tr');
    var tbody = el('tbody');
    head.forEach(function (h, i) {
      var th = el('th', { 'aria-sort': 'none', tabindex: '0' }, h);
      th.addEventListener('click', function () {
        var asc = th.getAttribute('aria-sort') !== 'ascending';
        Array.prototype.forEach.call(tr.children, function (o) { o.setAttribute('aria-sort', 'none'); });
        th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
        var sorted = Array.prototype.slice.call(tbody.children).sort(function (a, b) {
          var x = a.children[i].getAttribute('data-value');
          var y = b.children[i].getAttribute('data-value');
          var c = numeric[i] ? Number(x) - Number(y) : x < y ? -1 : x > y ? 1 : 0;
          return asc ? c : -c;
        });
        sorted.forEach(function (r) { tbody.appendChild(r); });
      });
      tr.appendChild(th);
    });
    thead.appendChild(tr);
    t.appendChild(thead);
    rows.forEach(function (r) {
      var row = el('tr');
      r.forEach(function (c, i) {
        var shown = Array.isArray(c) ? c[1] : c;
        var value = Array.isArray(c) ? c[0] : c;
        var td = el('td', { 'data-value': value === null ? (numeric[i] ? '-1' : '') : String(value) }, shown === null ? '-' : shown);
        if (numeric[i]) td.className = 'num';
        row.appendChild(td);
      });
      tbody.appendChild(row);
    });
    t.appendChild(tbody);
    return t;
  }

  function section(root, id, title, note) {
    var s = el('section', { id: id });
    s.appendChild(el('h2', null, title));
    if (note) s.appendChild(el('p', { class: 'note' }, note));
    root.appendChild(s);
    return s;
  }

  /** Horizontal bars (SVG) of rows [label, value], value scaled to the largest, or to 1 for rates. */
  function bars(parent, rows, isRate) {
    var ns = 'http://www.w3.org/2000/svg';
    var max = isRate ? 1 : Math.max.apply(null, rows.map(function (r) { return r[1] || 0; }).concat([1]));
    var w = width(), label = 260, h = 20;
    var svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('class', 'chart bars');
    svg.setAttribute('width', String(w));
    svg.setAttribute('height', String(rows.length * h + 4));
    rows.forEach(function (r, i) {
      var name = String(r[0]);
      var text = document.createElementNS(ns, 'text');
      text.setAttribute('x', '0');
      text.setAttribute('y', String(i * h + 15));
      text.textContent = name.length > 40 ? name.slice(0, 39) + '\u2026' : name;
      svg.appendChild(text);
      var rect = document.createElementNS(ns, 'rect');
      var v = r[1] || 0;
      rect.setAttribute('x', String(label));
      rect.setAttribute('y', String(i * h + 3));
      rect.setAttribute('height', String(h - 6));
      rect.setAttribute('width', String(Math.max(1, ((w - label - 80) * v) / max)));
      rect.setAttribute('fill', COLORS[i % COLORS.length]);
      svg.appendChild(rect);
      var value = document.createElementNS(ns, 'text');
      value.setAttribute('x', String(label + 6 + ((w - label - 80) * v) / max));
      value.setAttribute('y', String(i * h + 15));
      value.textContent = isRate ? pct(r[1]) : String(v);
      svg.appendChild(value);
    });
    parent.appendChild(svg);
  }

  /** A uPlot chart over time: stacked areas (counts) or lines (quantiles). */
  function timeChart(parent, t, names, columns, stacked, unit) {
    if (t.length === 0 || names.length === 0) {
      parent.appendChild(el('p', { class: 'empty' }, 'no data'));
      return;
    }
    var div = el('div', { class: 'chart time' });
    parent.appendChild(div);
    var data = [t];
    var shown = columns;
    if (stacked) {
      // Each series drawn as the sum of itself and those below it, top of the stack first, so each
      // fill covers the ones above it; the legend shows the series' own values.
      var sums = [];
      var acc = t.map(function () { return 0; });
      columns.forEach(function (c) {
        acc = acc.map(function (a, i) { return a + (c[i] || 0); });
        sums.push(acc);
      });
      shown = sums.slice().reverse();
    }
    var order = stacked ? names.slice().reverse() : names;
    var raw = stacked ? columns.slice().reverse() : columns;
    var series = [{}];
    order.forEach(function (n, i) {
      var color = COLORS[(stacked ? names.length - 1 - i : i) % COLORS.length];
      series.push({
        label: n,
        stroke: color,
        fill: stacked ? color : undefined,
        width: 1,
        points: { show: false },
        value: function (u, v, si, idx) {
          var x = idx === null || idx === undefined ? null : raw[si - 1][idx];
          return x === null || x === undefined ? '-' : String(x) + (unit || '');
        },
      });
      data.push(shown[i]);
    });
    var opts = {
      width: width(),
      height: 260,
      series: series,
      axes: [{}, { size: 60 }],
      scales: { x: { time: true } },
      tzDate: function (ts) { return uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'); },
      cursor: { drag: { x: true, y: false } },
    };
    plots.push(new uPlot(opts, data, div));
  }

  function render(d) {
    plots.forEach(function (p) { p.destroy(); });
    plots = [];
    var root = document.getElementById('app');
    while (root.firstChild) root.removeChild(root.firstChild);
    var s = d.stats;
    var m = d.meta;

    var head = section(root, 'summary', m.window === null ? 'ecelog report' : 'ecelog dashboard (live)');
    var dl = el('dl');
    // Times are UTC, on the axes too.
    function item(k, v) { dl.appendChild(el('dt', null, k)); dl.appendChild(el('dd', null, v)); }
    item('period', iso(s.first_timestamp) + ' .. ' + iso(s.last_timestamp));
    item('bucket', m.bucket + ' s' + (m.window === null ? '' : ', the latest ' + m.window + ' buckets'));
    item('files', m.files.join(', '));
    item('backend', m.backend);
    if (m.since !== null) item('since', m.since);
    if (m.until !== null) item('until', m.until);
    if (m.where.length > 0) item('where', m.where.join(' and '));
    item('generated', iso(Math.floor(m.generated / 1000)));
    head.appendChild(dl);
    var totals = el('table', { id: 'totals' });
    function total(key, label, v) {
      var r = el('tr');
      r.appendChild(el('th', null, label));
      r.appendChild(el('td', { 'data-total': key, class: 'num' }, v));
      totals.appendChild(r);
    }
    total('events', 'events', s.events);
    Object.keys(s.by_type).forEach(function (k) { total('type:' + k, k, s.by_type[k]); });
    Object.keys(s.by_log).forEach(function (k) { total('log:' + k, k + ' (log)', s.by_log[k]); });
    total('malformed', 'malformed lines', s.malformed);
    total('delivery_rate', 'delivery rate', pct(s.delivery_rate));
    head.appendChild(totals);

    var names = Object.keys(d.events.series);
    var sec = section(root, 'events', 'Events per bucket by type (stacked)');
    timeChart(sec, d.events.t, names, names.map(function (n) { return d.events.series[n]; }), true);
    sec.appendChild(table(['bucket start'].concat(names).concat(['total']), d.events.t.map(function (t, i) {
      var row = names.map(function (n) { return d.events.series[n][i]; });
      return [[t, iso(t)]].concat(row).concat([row.reduce(function (a, b) { return a + b; }, 0)]);
    }), [true].concat(names.map(function () { return true; })).concat([true])));

    var q = d.queue_time;
    sec = section(root, 'queue-time', 'Queue time of deliveries per bucket (s): p50, p90, p99',
      'Each percentile within \u00b1' + q.relative_error * 100 + '% of the exact value (the quantile sketch of ecelog stats).');
    timeChart(sec, q.count.some(function (n) { return n > 0; }) ? q.t : [], ['p50', 'p90', 'p99'], [q.p50, q.p90, q.p99], false, ' s');
    sec.appendChild(table(['bucket start', 'deliveries', 'p50', 'p90', 'p99'], q.t.map(function (t, i) {
      return [[t, iso(t)], q.count[i], q.p50[i], q.p90[i], q.p99[i]];
    }), [true, true, true, true, true]));

    var cats = Object.keys(d.bounce_categories.series);
    sec = section(root, 'bounce-categories', 'Bounce classes over time (bouncelog events by category, stacked)');
    timeChart(sec, d.bounce_categories.t, cats, cats.map(function (n) { return d.bounce_categories.series[n]; }), true);
    sec.appendChild(table(['bounce class', 'name', 'category', 'events'], s.bounce_classes.map(function (b) {
      return [b.class, b.name, b.category, b.count];
    }), [true, false, false, true]));

    function countsSection(id, title, rows, key) {
      var sec = section(root, id, title, 'delivery rate: deliveries / (deliveries + permanent failures)');
      var withRate = rows.filter(function (r) { return r.delivery + r.permanent_failure > 0; });
      if (withRate.length === 0) sec.appendChild(el('p', { class: 'empty' }, 'no deliveries or failures'));
      else bars(sec, withRate.map(function (r) { return [r[key], rate(r.delivery, r.permanent_failure)]; }), true);
      sec.appendChild(table(['name', 'delivery rate', 'receptions', 'deliveries', 'delays', 'permanent failures', 'bounces'], rows.map(function (r) {
        var x = rate(r.delivery, r.permanent_failure);
        return [r[key], [x, pct(x)], r.reception, r.delivery, r.transient_failure, r.permanent_failure, r.bounce];
      }), [false, true, true, true, true, true, true]));
    }
    countsSection('domains', 'Recipient domains (top ' + m.top_n + ')', s.domains, 'domain');
    countsSection('binding-groups', 'Binding groups (top ' + m.top_n + ')', d.binding_groups, 'name');
    countsSection('bindings', 'Bindings (top ' + m.top_n + ')', d.bindings, 'name');

    function ranked(id, title, rows, head, note) {
      var sec = section(root, id, title, note);
      if (rows.length === 0) sec.appendChild(el('p', { class: 'empty' }, 'none'));
      else bars(sec, rows.map(function (r) { return [r.name, r.count]; }), false);
      sec.appendChild(table([head, 'events'], rows.map(function (r) { return [r.name, r.count]; }), [false, true]));
    }
    ranked('failure-responses', 'Top failure responses', s.failure_responses, 'response (masked)', 'addresses shown as <addr>, IP addresses as <ip>, long numbers as <n>');
    ranked('complaints', 'Complaints by recipient domain (fbllog)', d.complaints, 'domain');
    ranked('rejections', 'Rejections by phase (rejectlog)', d.rejections, 'phase');
    ranked('files', 'Events per input file (one per node of a cluster tree)', d.files, 'file');
    ranked('malformed', 'Malformed lines by reason', d.malformed, 'reason');
    document.body.setAttribute('data-rendered', String(m.generated));
  }

  var source = document.getElementById('report-data');
  render(JSON.parse(source.textContent));
  var live = JSON.parse(source.textContent).meta.window !== null;
  if (live && typeof EventSource !== 'undefined') {
    var token = new URLSearchParams(location.search).get('token');
    var es = new EventSource('events' + (token === null ? '' : '?token=' + encodeURIComponent(token)));
    es.addEventListener('message', function (e) { render(JSON.parse(e.data)); });
  }
})();
`;

/** The page's own style (uPlot's is inlined beside it). */
export const CLIENT_STYLE = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 16px 24px; color: #222; }
h2 { font-size: 17px; margin: 28px 0 6px; border-bottom: 1px solid #ddd; }
dl { display: grid; grid-template-columns: max-content auto; gap: 2px 12px; }
dt { font-weight: 600; }
dd { margin: 0; overflow-wrap: anywhere; }
table { border-collapse: collapse; margin: 8px 0; font-size: 13px; }
th, td { padding: 2px 8px; border-bottom: 1px solid #eee; text-align: left; max-width: 60em; overflow-wrap: anywhere; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.sortable th { cursor: pointer; background: #f6f6f6; }
table.sortable th[aria-sort=ascending]::after { content: ' \\25b2'; }
table.sortable th[aria-sort=descending]::after { content: ' \\25bc'; }
section > table.sortable { display: block; max-height: 320px; overflow: auto; }
.note, .empty { color: #666; font-size: 12px; }
svg.bars text { font-size: 12px; fill: #222; }
`;
