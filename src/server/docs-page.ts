/**
 * `/api/docs`: a small self-contained page that renders `/api/openapi.json` (no CDN: instances
 * often run without internet). Operations grouped by tag, with parameters, bodies and responses.
 */
export const DOCS_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>okr API</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1d1d1f;background:#fafafa}
header{background:#1f2937;color:#fff;padding:1rem 2rem}header h1{margin:0;font-size:1.4rem}
main{max-width:64rem;margin:0 auto;padding:1rem 2rem 4rem}
h2{margin-top:2rem;border-bottom:1px solid #ddd;text-transform:capitalize}
details{background:#fff;border:1px solid #e2e2e2;border-radius:6px;margin:.4rem 0}
summary{cursor:pointer;padding:.5rem .8rem;display:flex;gap:.8rem;align-items:center}
.m{font:600 .8rem monospace;padding:.1rem .5rem;border-radius:4px;color:#fff;min-width:4rem;text-align:center}
.get{background:#2563eb}.post{background:#16a34a}.put{background:#d97706}.patch{background:#9333ea}.delete{background:#dc2626}
code,pre{font-family:ui-monospace,monospace;font-size:.85rem}pre{background:#f5f5f7;padding:.6rem;overflow:auto;border-radius:4px}
.body{padding:0 1rem 1rem}table{border-collapse:collapse}td,th{padding:.2rem .6rem;border-bottom:1px solid #eee;text-align:left;vertical-align:top}
.lock{color:#999;font-size:.8rem}.meta-link{color:#9cf}
</style></head>
<body><header><h1>okr REST API</h1><div id="meta">Loading /api/openapi.json…</div></header>
<main id="out"></main>
<script>
(async function(){
  var out=document.getElementById('out');
  function esc(s){return String(s).replace(/[&<>"]/g,function(c){return {'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c]})}
  var doc;
  try{doc=await (await fetch('openapi.json')).json()}catch(e){out.textContent='Could not load the OpenAPI document: '+e;return}
  document.getElementById('meta').innerHTML=esc(doc.info.title+' '+doc.info.version)+' · OpenAPI '+esc(doc.openapi)+' · <a class="meta-link" href="openapi.json">openapi.json</a>';
  var schemas=(doc.components&&doc.components.schemas)||{};
  function deref(s){var n=0;while(s&&s.$ref&&n++<20){s=schemas[s.$ref.split('/').pop()]}return s}
  function show(s){return esc(JSON.stringify(s,function(k,v){return v&&v.$ref?{$ref:v.$ref.split('/').pop(),_:deref(v)}:v},2))}
  var groups={};
  Object.keys(doc.paths).sort().forEach(function(p){
    Object.keys(doc.paths[p]).forEach(function(m){
      var op=doc.paths[p][m];var tag=(op.tags&&op.tags[0])||'other';
      (groups[tag]=groups[tag]||[]).push({p:p,m:m,op:op});
    });
  });
  var html='';
  Object.keys(groups).sort().forEach(function(tag){
    html+='<h2>'+esc(tag)+'</h2>';
    groups[tag].forEach(function(e){
      var op=e.op;
      html+='<details><summary><span class="m '+e.m+'">'+e.m.toUpperCase()+'</span><code>'+esc(e.p)+'</code> '+esc(op.summary||'')+(op.security&&op.security.length?' <span class="lock">(sign-in or token)</span>':'')+'</summary><div class="body">';
      html+='<p><small>operationId: <code>'+esc(op.operationId||'')+'</code></small></p>';
      if(op.description){html+='<p>'+esc(op.description).replace(/\\n\\n/g,'<br>')+'</p>'}
      if(op.parameters&&op.parameters.length){html+='<h4>Parameters</h4><table><tr><th>name</th><th>in</th><th>schema</th></tr>';op.parameters.forEach(function(x){html+='<tr><td><code>'+esc(x.name)+'</code>'+(x.required?' *':'')+'</td><td>'+esc(x.in)+'</td><td><code>'+esc(JSON.stringify(x.schema||{}))+'</code></td></tr>'});html+='</table>'}
      if(op.requestBody){var c=op.requestBody.content||{};Object.keys(c).forEach(function(t){html+='<h4>Body ('+esc(t)+')</h4><pre>'+show(c[t].schema)+'</pre>'})}
      html+='<h4>Responses</h4><table>';
      Object.keys(op.responses||{}).forEach(function(code){var r=op.responses[code];var ok=code[0]==='2';html+='<tr><td><b>'+esc(code)+'</b></td><td>'+esc(r.description||'')+(ok&&r.content&&r.content['application/json']?'<pre>'+show(r.content['application/json'].schema)+'</pre>':'')+'</td></tr>'});
      html+='</table></div></details>';
    });
  });
  out.innerHTML=html;
})();
</script></body></html>`;
