/**
 * XSS vectors delivered as HTML mail bodies and as article text (tests/e2e/xss.spec.ts). Each
 * one, if anything in it ran, calls `__xss(name)` (a flag the test defines in every frame) or
 * opens a dialog. Sources: the OWASP XSS Filter Evasion Cheat Sheet, published sanitize-html
 * and DOMPurify bypasses (mutation XSS through namespace confusion, noscript/style/template
 * parsing differentials), SVG and MathML.
 */
export type Vector = { name: string; html: string };

const hit = (name: string) => `top.__xss&&top.__xss('${name}');parent.__xss&&parent.__xss('${name}');window.__xss&&window.__xss('${name}');alert('${name}')`;

const raw: [string, (call: string) => string][] = [
  ["script-tag", (c) => `<script>${c}</script>`],
  ["script-src-data", (c) => `<script src="data:text/javascript,${encodeURIComponent(c)}"></script>`],
  ["img-onerror", (c) => `<img src=x onerror="${c}">`],
  ["img-onerror-noquotes", (c) => `<IMG SRC=/ onerror=${c.replaceAll(" ", "")}>`],
  ["img-js-src", (c) => `<img src="javascript:${c}">`],
  ["body-onload", (c) => `<body onload="${c}">`],
  ["svg-onload", (c) => `<svg onload="${c}"></svg>`],
  ["svg-script", (c) => `<svg><script>${c}</script></svg>`],
  ["svg-animate-href", (c) => `<svg><a><animate attributeName="href" values="javascript:${c}"/><text x="20" y="20">click</text></a></svg>`],
  ["svg-set-onbegin", (c) => `<svg><set attributeName="x" onbegin="${c}"/></svg>`],
  ["svg-foreignobject", (c) => `<svg><foreignObject><img src=x onerror="${c}"></foreignObject></svg>`],
  ["svg-use-data", (c) => `<svg><use href="data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'><image href='1' onerror='${c}'/></svg>#x"/></svg>`],
  ["math-href", (c) => `<math><mtext><a href="javascript:${c}">math link</a></mtext></math>`],
  ["math-mglyph-mutation", (c) => `<math><mtext><table><mglyph><style><img src=x onerror="${c}"></style></mglyph></table></mtext></math>`],
  ["math-style-mutation", (c) => `<math><mi><style><img src=x onerror="${c}"></style></mi></math>`],
  ["noscript-mutation", (c) => `<noscript><p title="</noscript><img src=x onerror=${c.replaceAll(" ", "")}>">`],
  ["svg-style-mutation", (c) => `<svg></p><style><a id="</style><img src=1 onerror=${c.replaceAll(" ", "")}>">`],
  ["form-math-mutation", (c) => `<form><math><mtext></form><form><mglyph><style></math><img src onerror="${c}">`],
  ["template-mutation", (c) => `<template><style></template><img src=x onerror="${c}"></style></template>`],
  ["xmp-mutation", (c) => `<xmp><p title="</xmp><img src=x onerror=${c.replaceAll(" ", "")}>">`],
  ["textarea-mutation", (c) => `<textarea><p title="</textarea><img src=x onerror=${c.replaceAll(" ", "")}>">`],
  ["iframe-srcdoc", (c) => `<iframe srcdoc="<script>${c}</script>"></iframe>`],
  ["iframe-js-src", (c) => `<iframe src="javascript:${c}"></iframe>`],
  ["object-data", (c) => `<object data="data:text/html,<script>${c}</script>"></object>`],
  ["embed-src", (c) => `<embed src="data:text/html,<script>${c}</script>">`],
  ["a-js-href", (c) => `<a href="javascript:${c}" id="xss-link">click me</a>`],
  ["a-js-entity", (c) => `<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;${c}">entity link</a>`],
  ["a-js-tab", (c) => `<a href="jav&#x09;ascript:${c}">tab link</a>`],
  ["a-vbscript", () => `<a href="vbscript:msgbox(1)">vb</a>`],
  ["a-data-html", (c) => `<a href="data:text/html;base64,${Buffer.from(`<script>${c}</script>`).toString("base64")}">data link</a>`],
  ["form-action", (c) => `<form action="javascript:${c}"><input type=submit value=go></form>`],
  ["button-formaction", (c) => `<form><button formaction="javascript:${c}">go</button></form>`],
  ["input-autofocus", (c) => `<input autofocus onfocus="${c}">`],
  ["details-ontoggle", (c) => `<details open ontoggle="${c}"><summary>x</summary></details>`],
  ["video-source-onerror", (c) => `<video><source onerror="${c}"></video>`],
  ["audio-onerror", (c) => `<audio src=x onerror="${c}"></audio>`],
  ["marquee-onstart", (c) => `<marquee onstart="${c}">x</marquee>`],
  ["meta-refresh", (c) => `<meta http-equiv="refresh" content="0;url=javascript:${c}">`],
  ["base-href", () => `<base href="javascript:/a/-alert(1)///////"><a href="../x">base</a>`],
  ["link-import", () => `<link rel="import" href="data:text/html,<script>alert(1)</script>">`],
  ["style-expression", (c) => `<div style="width: expression(${c})">ie</div>`],
  ["style-url-js", (c) => `<div style="background:url('javascript:${c}')">bg</div>`],
  ["style-tag-import", () => `<style>@import 'javascript:alert(1)';</style>`],
  ["css-escape-breakout", (c) => `<style></style><img src=x onerror="${c}"></style>`],
  ["comment-breakout", (c) => `<!--<img src="--><img src=x onerror=${c.replaceAll(" ", "")}//">`],
  ["cdata-breakout", (c) => `<![CDATA[><img src=x onerror="${c}">]]>`],
  ["attr-quote-breakout", (c) => `<div title="a" onmouseover="${c}" style="display:block;width:100%;height:100px">hover</div>`],
  ["unclosed-attr", (c) => `<img src="x` + "`" + ` onerror="${c}">`],
  ["null-byte-tag", (c) => `<scr\u0000ipt>${c}</scr\u0000ipt>`],
  ["uppercase-mixed", (c) => `<ScRiPt>${c}</sCrIpT>`],
  ["double-encoded", () => `%3Cscript%3Ealert(1)%3C%2Fscript%3E &lt;script&gt;alert(1)&lt;/script&gt;`],
  ["isindex-action", (c) => `<isindex type=image src=1 onerror="${c}">`],
  ["keygen-autofocus", (c) => `<keygen autofocus onfocus="${c}">`],
  ["srcset-js", (c) => `<img srcset="javascript:${c} 1x">`],
  ["dom-clobber-form", () => `<form id="__xss"><input name="x"></form><img name="cookie">`],
  ["cid-attr-breakout", (c) => `<img src="cid:x&quot; onerror=&quot;${c}">`],
  ["svg-xlink-js", (c) => `<svg xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href="javascript:${c}"><rect width="100" height="100"/></a></svg>`],
  ["math-maction", (c) => `<math><maction actiontype="statusline" xlink:href="javascript:${c}">click</maction></math>`],
];

export const VECTORS: Vector[] = raw.map(([name, make]) => ({ name, html: make(hit(name)) }));
