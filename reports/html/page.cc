#include "reports/html/page.h"

#include "reports/html/html_escape.h"

namespace faultline::reports::html {

namespace {

// Text colours are at least 4.5:1 against their background; the verdict colours are the darker
// shades of the palette's green, vermillion and orange for that reason.
constexpr std::string_view kStyle = R"css(
:root{--fg:#1b1b1b;--muted:#555;--rule:#e3e3e3}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:#f4f4f2}
main{max-width:1080px;margin:0 auto;padding:12px 20px 48px}
nav.toc{font-size:13px;margin:4px 0 0;color:var(--muted)}
nav.toc a{color:#00568a;margin-right:14px}
a{color:#00568a}
code{font:12.5px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;overflow-wrap:anywhere}
.verdict{display:flex;gap:22px;align-items:flex-start;padding:16px 22px;border-radius:6px;border-left:12px solid;margin:12px 0 16px}
.verdict-pass{background:#e4f4ec;border-color:#009E73}
.verdict-fail{background:#fbe8df;border-color:#D55E00}
.verdict-interrupted{background:#fcf1d6;border-color:#E69F00}
.verdict-word{font-size:32px;font-weight:800;text-transform:uppercase;letter-spacing:.04em;line-height:1.1;min-width:5.2em}
.verdict-pass .verdict-word{color:#00573f}
.verdict-fail .verdict-word{color:#8a3300}
.verdict-interrupted .verdict-word{color:#6b4a00}
.verdict h1{margin:0;font-size:22px}
.verdict p{margin:4px 0}
.description{color:#333}
.headline{font-weight:600}
.reasons{margin:6px 0 0;padding-left:20px;font-weight:600}
section{background:#fff;border:1px solid var(--rule);border-radius:6px;padding:14px 20px;margin:16px 0}
h2{font-size:18px;margin:0 0 10px}
.facts{display:grid;grid-template-columns:repeat(auto-fill,minmax(320px,1fr));gap:2px 28px;margin:0 0 10px}
.facts div{display:flex;gap:10px}
.facts dt{color:var(--muted);min-width:7.5em;flex:none}
.facts dd{margin:0}
table{border-collapse:collapse;width:100%;margin:10px 0;font-variant-numeric:tabular-nums}
th,td{text-align:left;padding:4px 8px;border-bottom:1px solid var(--rule);vertical-align:top}
thead th{font-weight:600;color:var(--muted);border-bottom:1px solid #bbb}
caption{text-align:left;font-weight:600;padding:2px 0 4px;color:#333}
table.key-numbers{font-size:12.5px;width:auto;min-width:60%}
table.key-numbers td{text-align:right}
table.key-numbers caption{font-weight:400;color:var(--muted)}
figure.chart{margin:12px 0 24px}
figcaption .chart-title{font-weight:700;font-size:15px}
.chart-note{color:var(--muted)}
th .chart-note{font-weight:400}
.chart-svg{width:100%;height:auto;display:block}
svg text{font:11px system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;fill:#333}
.y-tick{text-anchor:end}.x-tick{text-anchor:middle}.x-tick.end{text-anchor:end}.x-title{text-anchor:end;fill:#555}.y-title{text-anchor:middle;fill:#555}
.grid line{stroke:#ebebeb}.axis line{stroke:#8a8a8a}
.line{fill:none;stroke-width:1.8;stroke-linejoin:round;stroke-linecap:round}
.line.dashed{stroke-dasharray:7 4;stroke-width:1.4;opacity:.85}
.area{fill-opacity:.85}
.band.fault rect{fill:#E69F00;fill-opacity:.17}.band.fault text{fill:#6b4a00;font-weight:600}
.band.warmup rect{fill:#000;fill-opacity:.05}.band.warmup text{fill:#555}
.marker text.end{text-anchor:end}.marker line{stroke:#222;stroke-dasharray:2 3}.marker path{fill:#222}.marker text{fill:#222}
.marker.recovery line{stroke:#007a5a;stroke-dasharray:5 3}.marker.recovery path{fill:#007a5a}.marker.recovery text{fill:#00573f}
.level line{stroke:#D55E00;stroke-dasharray:9 4;stroke-width:1.5}.level text{fill:#8a3300}
.guide{stroke:#444;stroke-width:1}
.no-data{text-anchor:middle;fill:#666;font-size:13px}
.series.off{display:none}
.legend{display:flex;flex-wrap:wrap;gap:2px 16px;margin:4px 0 2px;font-size:13px}
.key{display:inline-flex;align-items:center;gap:6px}
.key[role=button]{cursor:pointer}
.key.off{opacity:.45;text-decoration:line-through}
.swatch{display:inline-block;width:22px;height:0;border-top:3px solid var(--c)}
.swatch.dashed{border-top-style:dashed}
.swatch.area{height:11px;border:0;background:var(--c)}
.swatch.band{height:11px;border:0;background:rgba(230,159,0,.3)}
.swatch.warmup{height:11px;border:0;background:rgba(0,0,0,.1)}
.swatch.event{border-top:2px dotted #222}.swatch.recovery{border-top:2px dashed #007a5a}.swatch.level{border-top:2px dashed #D55E00}
.log-label{font-size:13px;color:var(--muted);margin-left:4px}
.log-toggle{margin:4px 0 0}
.log-toggle:checked~.variants .linear{display:none}
.log-toggle:not(:checked)~.variants .log{display:none}
.strip .bar{fill:var(--c);fill-opacity:.25;stroke:var(--c);stroke-width:1.5}
.strip .planned{fill:none;stroke:#6b4a00;stroke-dasharray:4 3}
.strip .events path{fill:#222}.strip .row-name{text-anchor:end;fill:#555}
.tooltip{position:fixed;pointer-events:none;background:#fff;border:1px solid #999;border-radius:4px;padding:6px 9px;font-size:12px;box-shadow:0 2px 8px rgba(0,0,0,.18);display:none;z-index:10;font-variant-numeric:tabular-nums}
.tooltip b{display:block;margin-bottom:2px}
.tooltip i{display:inline-block;width:10px;height:10px;margin-right:6px;vertical-align:-1px}
details.finding{margin:6px 0}
details.finding summary{cursor:pointer;font-weight:600}
details.finding pre{white-space:pre-wrap;background:#f4f4f4;padding:8px;overflow:auto;max-height:30em;font-size:12px}
.outcome-failed .outcome,.outcome-failed td{color:#8a3300;font-weight:700}
.outcome-held .outcome{color:#00573f}
table.comparison caption{font-weight:400}
table.comparison td,table.comparison th code{white-space:nowrap;overflow-wrap:normal}
table.comparison td.cmp-verdict{white-space:normal;min-width:9em}
tr.cmp-regressed{background:#fbe8df}
tr.cmp-regressed th{border-left:5px solid #D55E00}
tr.cmp-regressed th,tr.cmp-regressed td{color:#8a3300}
.cmp-regressed .cmp-verdict{font-weight:700;text-transform:uppercase}
.cmp-improved .cmp-verdict{color:#00573f;font-weight:700}
.cmp-insufficient .cmp-verdict{color:#6b4a00;font-weight:600}
.cmp-same .cmp-verdict,.cmp-accepted .cmp-verdict{color:var(--muted)}
.verdict-cell{font-weight:700;text-transform:uppercase}
.verdict-cell.pass{color:#00573f}.verdict-cell.fail{color:#8a3300}.verdict-cell.interrupted{color:#6b4a00}
.absent,.no-errors{color:var(--muted)}
footer{color:var(--muted);font-size:12px;text-align:center}
@media print{
 body{background:#fff;font-size:11pt}
 main{max-width:none;padding:0}
 section{border:0;padding:0;margin:12px 0}
 figure.chart,table,.verdict{break-inside:avoid}
 nav.toc,.log-toggle,.log-label,.tooltip{display:none}
 .verdict,tr.cmp-regressed{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
)css";

// Hover values and series toggling. The charts are complete without it; it only reads the JSON
// that each figure carries and writes text with textContent, never as HTML.
constexpr std::string_view kScript = R"js(
(function(){
"use strict";
var tip=document.createElement("div");tip.className="tooltip";tip.setAttribute("aria-hidden","true");document.body.appendChild(tip);
function fmt(v,unit){
 if(v===null||v===undefined||!isFinite(v))return "\u2013";
 var a=Math.abs(v),s=a>=1e6?v.toPrecision(4):a>=100?Math.round(v).toLocaleString("en-US"):a>=10?v.toFixed(1):a>=1?v.toFixed(2):v.toPrecision(3);
 return unit==="ms"?s+" ms":unit==="/s"?s+"/s":s;
}
function nearest(xs,x,log){
 if(!xs.length)return -1;var lo=0,hi=xs.length-1;
 while(hi-lo>1){var mid=(lo+hi)>>1;if(xs[mid]<x)lo=mid;else hi=mid;}
 var f=log?function(v){return Math.log(v);}:function(v){return v;};
 var i=Math.abs(f(xs[lo])-f(x))<=Math.abs(f(xs[hi])-f(x))?lo:hi;
 if(xs.length>1){var spacing=Math.abs(f(xs[xs.length-1])-f(xs[0]))/(xs.length-1);if(Math.abs(f(xs[i])-f(x))>spacing*1.01&&!log)return -1;}
 return i;
}
function hide(){tip.style.display="none";document.querySelectorAll(".guide").forEach(function(g){g.setAttribute("visibility","hidden");});}
document.querySelectorAll("figure.chart").forEach(function(fig){
 var holder=fig.querySelector("script.hover-data");if(!holder)return;
 var data=JSON.parse(holder.textContent);
 function shown(key){var k=fig.querySelector('.key[data-series="'+CSS.escape(key)+'"]');return !k||!k.classList.contains("off");}
 fig.querySelectorAll("svg.chart-svg").forEach(function(svg){
  var left=+svg.dataset.plotLeft,right=+svg.dataset.plotRight,lo=+svg.dataset.xLowest,hi=+svg.dataset.xHighest,log=svg.dataset.xLog==="1";
  var guide=svg.querySelector(".guide");
  svg.addEventListener("mousemove",function(ev){
   var pt=svg.createSVGPoint();pt.x=ev.clientX;pt.y=ev.clientY;var p=pt.matrixTransform(svg.getScreenCTM().inverse());
   if(p.x<left||p.x>right){hide();return;}
   var f=(p.x-left)/(right-left);
   var x=log?Math.pow(10,Math.log10(lo)+f*(Math.log10(hi)-Math.log10(lo))):lo+f*(hi-lo);
   guide.setAttribute("x1",p.x);guide.setAttribute("x2",p.x);guide.setAttribute("visibility","visible");
   tip.textContent="";
   var head=document.createElement("b");
   head.textContent=data.x_unit==="percentile"?(100*(1-1/x)).toPrecision(5).replace(/\.?0+$/,"")+"th percentile":"t = "+x.toFixed(1)+" s";
   tip.appendChild(head);
   data.series.forEach(function(s){
    if(!shown(s.key))return;var i=nearest(s.x,x,log);if(i<0)return;
    var row=document.createElement("div"),swatch=document.createElement("i");
    swatch.style.background=s.colour;row.appendChild(swatch);
    row.appendChild(document.createTextNode(s.label+": "+fmt(s.y[i],data.unit)));tip.appendChild(row);
   });
   tip.style.display="block";
   var w=tip.offsetWidth;tip.style.left=(ev.clientX+16+w>window.innerWidth?ev.clientX-16-w:ev.clientX+16)+"px";
   tip.style.top=(ev.clientY+14)+"px";
  });
  svg.addEventListener("mouseleave",hide);
 });
 fig.querySelectorAll(".key[data-series]").forEach(function(key){
  key.setAttribute("role","button");key.setAttribute("aria-pressed","true");key.tabIndex=0;key.title="show or hide this series";
  function toggle(){
   var off=!key.classList.contains("off");key.classList.toggle("off",off);key.setAttribute("aria-pressed",String(!off));
   fig.querySelectorAll('.series[data-series="'+CSS.escape(key.dataset.series)+'"]').forEach(function(g){g.classList.toggle("off",off);});
  }
  key.addEventListener("click",toggle);
  key.addEventListener("keydown",function(e){if(e.key==="Enter"||e.key===" "){e.preventDefault();toggle();}});
 });
});
window.addEventListener("beforeprint",function(){document.querySelectorAll("details").forEach(function(d){d.open=true;});});
})();
)js";

}  // namespace

std::string render_page(std::string_view title, std::string_view body) {
  std::string out;
  out.reserve(body.size() + kStyle.size() + kScript.size() + 1024);
  out += "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">";
  // Nothing may be fetched: no fonts, images, scripts or connections, whatever the data says.
  out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
         "script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"generator\" content=\"faultline\">";
  out += "<title>" + escape_html(title) + "</title><style>";
  out += kStyle;
  out += "</style></head><body><main>";
  out += body;
  out += "</main><script>";
  out += kScript;
  out += "</script></body></html>\n";
  return out;
}

}  // namespace faultline::reports::html
