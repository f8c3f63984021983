"""The HTML page: one self-contained file (styles, script and charts inline; nothing fetched).

The script is ours and small: it switches the map's years and zooms/pans the map. Text uses
the reader's system fonts (a Chinese font is on every Chinese desktop), so no font is embedded.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from solver.glossary import Lang
from solver.glossary import report_word as word
from solver.output.certificate import program_version
from solver.output.report.data import PlanView, SweepView
from solver.output.report.sections import (
    difference_sections,
    kpi_section,
    plan_sections,
    sweep_section,
)
from solver.output.report.svg import esc

GENERATOR = "teacher-rotation report"
"""The ``<meta name="generator">`` of every report: ``--force`` replaces only a file with it."""

STYLE = """
body{font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC",
"WenQuanYi Micro Hei",system-ui,sans-serif;margin:0 auto;max-width:1200px;padding:16px 24px;
color:#222;background:#fff}
h1{font-size:24px;margin:8px 0}h2{font-size:19px;border-bottom:2px solid #2f6db3;padding-bottom:4px;
margin-top:28px}h3{font-size:15px;margin:0 0 2px}h4{font-size:12px;margin:8px 0 2px;color:#444}
.hint{color:#666;font-size:12px;margin:2px 0 8px}.sub{color:#666;font-size:12px}
.tiles{display:flex;flex-wrap:wrap;gap:8px;margin:12px 0}
.tile{border:1px solid #ddd;border-radius:6px;padding:6px 12px;min-width:92px}
.tile-label{font-size:11px;color:#666}.tile-value{font-size:20px;font-weight:600}
.verdict{font-size:13px;color:#3a7a3a}.verdict.broken{color:#b03a2e}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(380px,1fr));gap:12px}
.card{border:1px solid #ddd;border-radius:6px;padding:8px 10px;break-inside:avoid}
.pool{font-size:11px;color:#666}
table{border-collapse:collapse;font-size:12px;margin:6px 0}
th,td{border:1px solid #ddd;padding:2px 6px;text-align:right;white-space:nowrap}
th{background:#f3f5f8;position:sticky;top:0}td:first-child,th:first-child{text-align:left}
td.t{text-align:left}td.wrap{white-space:normal;min-width:360px}td.ok{background:#e6f4ea}td.tight{background:#fff4d6}td.bad{background:#fbe0dd}
.scroll{max-height:560px;overflow:auto;border:1px solid #eee}
.row{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}
.map-box .flow,.map-box circle{vector-effect:non-scaling-stroke}
.school-name{paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}
.map-box{border:1px solid #ddd;overflow:hidden;cursor:grab;width:max-content;max-width:100%}
.years button{margin:0 4px 6px 0;border:1px solid #2f6db3;background:#fff;color:#2f6db3;
border-radius:4px;padding:2px 10px;cursor:pointer}.years button.on{background:#2f6db3;color:#fff}
.no-plan{color:#b03a2e}tr.no-plan td{color:#b03a2e}
.stale{background:#fdecea;border:1px solid #b03a2e;color:#7b241c;padding:.5em .8em}
details{margin:12px 0}summary{font-size:18px;font-weight:600;cursor:pointer}
nav a{margin-right:12px;font-size:13px}footer{color:#888;font-size:11px;margin-top:32px}
@media print{.years,.hint{display:none}.scroll{max-height:none;overflow:visible}}
"""

SCRIPT = """
(function(){
  document.querySelectorAll('.map-box').forEach(function(box){
    var svg = box.querySelector('svg'); if(!svg) return;
    var vb = svg.viewBox.baseVal, full = [vb.x, vb.y, vb.width, vb.height];
    var marks = Array.prototype.map.call(svg.querySelectorAll(
      '.viewport circle, .viewport text, marker'), function(el){
      var names = ['r', 'dx', 'font-size', 'markerWidth', 'markerHeight'];
      return [el, names.map(function(a){
        return [a, parseFloat(el.getAttribute(a))]; }).filter(function(p){ return !isNaN(p[1]); })];
    });
    function keep(){  // schools, names and arrows keep their size on screen when zoomed
      var k = vb.width / full[2];
      marks.forEach(function(m){
        m[1].forEach(function(p){ m[0].setAttribute(p[0], p[1] * k); });
      });
    }
    box.addEventListener('wheel', function(e){
      e.preventDefault();
      var r = svg.getBoundingClientRect(), k = e.deltaY < 0 ? 0.8 : 1.25;
      var px = vb.x + (e.clientX - r.left) / r.width * vb.width;
      var py = vb.y + (e.clientY - r.top) / r.height * vb.height;
      var w = Math.min(full[2], vb.width * k), h = Math.min(full[3], vb.height * k);
      vb.x = px - (px - vb.x) * w / vb.width; vb.y = py - (py - vb.y) * h / vb.height;
      vb.width = w; vb.height = h; keep();
    }, {passive: false});
    var drag = null;
    box.addEventListener('mousedown', function(e){ drag = [e.clientX, e.clientY]; });
    window.addEventListener('mouseup', function(){ drag = null; });
    box.addEventListener('mousemove', function(e){
      if(!drag) return;
      var r = svg.getBoundingClientRect();
      vb.x -= (e.clientX - drag[0]) / r.width * vb.width;
      vb.y -= (e.clientY - drag[1]) / r.height * vb.height;
      drag = [e.clientX, e.clientY];
    });
    box.addEventListener('dblclick', function(){
      vb.x = full[0]; vb.y = full[1]; vb.width = full[2]; vb.height = full[3]; keep();
    });
  });
  document.querySelectorAll('.years').forEach(function(bar){
    var box = bar.nextElementSibling;
    bar.querySelectorAll('button').forEach(function(b){
      b.addEventListener('click', function(){
        bar.querySelectorAll('button').forEach(function(o){ o.classList.toggle('on', o === b); });
        box.querySelectorAll('g.flows').forEach(function(g){
          var shown = g.getAttribute('data-year') === b.getAttribute('data-year');
          g.style.display = shown ? '' : 'none';
        });
      });
    });
  });
})();
"""


def render_page(
    plans: Sequence[PlanView], sweeps: Sequence[SweepView], lang: Lang, now: datetime | None = None
) -> str:
    """The whole report as one HTML document."""
    parts: list[str] = []
    nav: list[tuple[str, str]] = []
    if len(plans) > 1:
        parts.append(kpi_section(plans, lang))
        parts.append(difference_sections(plans, lang))
        nav += [("kpis", word("kpis", lang)), ("by-school", word("by_school", lang)),
                ("by-org", word("by_org", lang))]  # fmt: skip
    for i, sweep in enumerate(sweeps, start=1):
        parts.append(sweep_section(sweep, lang, i))
        nav.append((f"sweep-{i}", f"{word('sweep', lang)} {sweep.label}"))
    for i, view in enumerate(plans):
        anchor = f"p{i + 1}"
        body = plan_sections(view, lang, anchor)
        heading = f"{word('plan', lang)} {view.label} · {view.summary.get('scenario', '')}"
        if len(plans) == 1:
            parts.append(f'<div id="{anchor}" class="plan"><h2>{esc(heading)}</h2>{body}</div>')
        else:
            is_open = " open" if i == 0 else ""
            parts.append(
                f'<details id="{anchor}" class="plan"{is_open}><summary>{esc(heading)}</summary>'
                f"{body}</details>"
            )
        nav.append((anchor, f"{word('plan', lang)} {view.label}"))
    title = word("report_title", lang)
    names = ", ".join([*(v.label for v in plans), *(s.label for s in sweeps)])
    stamp = (now or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M UTC")
    links = "".join(f'<a href="#{esc(a)}">{esc(t)}</a>' for a, t in nav)
    return (
        f'<!DOCTYPE html><html lang="{"zh-CN" if lang == "zh" else "en"}"><head>'
        f'<meta charset="utf-8"><meta name="generator" content="{GENERATOR}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)} · {esc(names)}</title><style>{STYLE}</style></head><body>"
        f"<h1>{esc(title)}</h1><p class='sub'>{esc(names)}</p><nav>{links}</nav>"
        + "".join(parts)
        + f"<footer>{esc(word('made_by', lang))} teacher-rotation "
        f"{esc(program_version())} · {esc(stamp)}</footer>"
        f"<script>{SCRIPT}</script></body></html>\n"
    )
