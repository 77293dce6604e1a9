// The SPARQL editor: highlighting, example queries, result tables and a drawing of
// CONSTRUCT / DESCRIBE results. Everything is built with textContent (never innerHTML
// of data), and every request goes to this server.
(function () {
  "use strict";
  var ENTITY_BASE = "https://w3id.org/minutes-kg/id/";
  var KEYWORDS = ("SELECT CONSTRUCT DESCRIBE ASK WHERE PREFIX BASE DISTINCT REDUCED FROM NAMED GRAPH OPTIONAL " +
    "UNION MINUS FILTER BIND VALUES AS ORDER BY ASC DESC LIMIT OFFSET GROUP HAVING COUNT SUM MIN MAX AVG " +
    "SAMPLE GROUP_CONCAT SEPARATOR NOT EXISTS IN STR LANG REGEX CONTAINS STRSTARTS STRENDS LCASE UCASE " +
    "BOUND IF COALESCE ISIRI ISLITERAL ISBLANK SERVICE a true false").split(" ");
  var KW = new RegExp("^(?:" + KEYWORDS.join("|") + ")$", "i");
  var TOKEN = /(#[^\n]*)|(<[^<>\s]*>)|("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')|([?$][A-Za-z_][\w]*)|([A-Za-z_][\w.-]*:[\w.-]*|:[\w.-]+)|([A-Za-z_]+)/g;

  function el(tag, text, attrs) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = text; }
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }

  function highlight(text, pre) {
    pre.replaceChildren();
    var last = 0, m;
    TOKEN.lastIndex = 0;
    while ((m = TOKEN.exec(text)) !== null) {
      if (m.index > last) { pre.appendChild(document.createTextNode(text.slice(last, m.index))); }
      var cls = m[1] ? "tok-comment" : m[2] ? "tok-iri" : m[3] ? "tok-str" : m[4] ? "tok-var" :
        m[5] ? "tok-pname" : (KW.test(m[6]) ? "tok-kw" : null);
      if (cls) { pre.appendChild(el("span", m[0], { "class": cls })); }
      else { pre.appendChild(document.createTextNode(m[0])); }
      last = TOKEN.lastIndex;
    }
    pre.appendChild(document.createTextNode(text.slice(last) + "\n"));
  }

  function queryForm(text) {
    var body = text.replace(/#[^\n]*/g, "").replace(/<[^>]*>/g, "<>").replace(/"[^"]*"/g, "\"\"");
    var m = /\b(SELECT|CONSTRUCT|DESCRIBE|ASK)\b/i.exec(body);
    return m ? m[1].toUpperCase() : "SELECT";
  }

  function link(term) {
    if (term.type === "uri" && term.value.indexOf(ENTITY_BASE) === 0) {
      var rest = term.value.slice(ENTITY_BASE.length);
      return el("a", term.value, { href: "/entities/" + rest.split("/").map(encodeURIComponent).join("/") });
    }
    return document.createTextNode(term.type === "uri" ? "<" + term.value + ">" : term.value);
  }

  function table(data, out) {
    var vars = data.head.vars || [];
    var rows = data.results.bindings;
    out.appendChild(el("p", rows.length + " row" + (rows.length === 1 ? "" : "s"), { id: "row-count" }));
    var t = el("table", null, { id: "result-table" });
    var head = el("tr");
    vars.forEach(function (v) { head.appendChild(el("th", v)); });
    t.appendChild(head);
    rows.forEach(function (row) {
      var tr = el("tr");
      vars.forEach(function (v) {
        var td = el("td");
        if (row[v]) { td.appendChild(link(row[v])); }
        tr.appendChild(td);
      });
      t.appendChild(tr);
    });
    out.appendChild(t);
  }

  // N-Triples, as this server writes them: one triple a line
  var NT = /^(<[^>]*>|_:\S+)\s+<([^>]*)>\s+(<[^>]*>|_:\S+|"(?:[^"\\]|\\.)*"(?:\^\^<[^>]*>|@[\w-]+)?)\s*\.\s*$/;
  function parseNT(text) {
    var triples = [];
    text.split("\n").forEach(function (line) {
      var m = NT.exec(line.trim());
      if (m) { triples.push([m[1], m[2], m[3]]); }
    });
    return triples;
  }
  function unquote(lit) {
    var m = /^"((?:[^"\\]|\\.)*)"/.exec(lit);
    return m ? JSON.parse("\"" + m[1] + "\"") : lit;
  }
  function localName(iri) {
    var s = iri.replace(/^<|>$/g, "");
    return s.split(/[\/#]/).filter(Boolean).pop() || s;
  }

  function drawGraph(triples, out, box) {
    var labels = {}, nodes = {}, edges = [];
    triples.forEach(function (t) {
      if (t[2].charAt(0) === "\"" && /(prefLabel|#label|\/name|title)$/.test(t[1])) { labels[t[0]] = unquote(t[2]); }
    });
    function node(term) {
      if (!nodes[term]) {
        var text = labels[term] || localName(term);
        nodes[term] = { id: term, label: text, title: term.replace(/^<|>$/g, ""), shape: "dot", size: 10, color: "#4e79a7" };
      }
    }
    triples.forEach(function (t) {
      if (t[2].charAt(0) === "\"") { return; }
      node(t[0]); node(t[2]);
      edges.push({ from: t[0], to: t[2], label: localName(t[1]), arrows: "to" });
    });
    out.appendChild(el("p", triples.length + " triples, " + Object.keys(nodes).length + " nodes drawn", { id: "triple-count" }));
    var t = el("table", null, { id: "result-table" });
    var head = el("tr");
    ["subject", "predicate", "object"].forEach(function (v) { head.appendChild(el("th", v)); });
    t.appendChild(head);
    triples.slice(0, 500).forEach(function (row) {
      var tr = el("tr");
      row.forEach(function (x) { tr.appendChild(el("td", x)); });
      t.appendChild(tr);
    });
    box.style.display = "block";
    if (window.vis) {
      var network = new vis.Network(box, { nodes: new vis.DataSet(Object.values(nodes)), edges: new vis.DataSet(edges) }, {
        physics: { enabled: true, stabilization: { iterations: 150 } },
        edges: { font: { size: 10, color: "#555" }, color: { color: "#9aa5b1" } },
        nodes: { font: { size: 13 } }
      });
      network.once("stabilizationIterationsDone", function () { network.setOptions({ physics: false }); });
      window.kgConstruct = network;
    }
    out.appendChild(t);
  }

  function run(query) {
    var status = document.getElementById("status"), error = document.getElementById("error");
    var out = document.getElementById("results"), box = document.getElementById("construct");
    out.replaceChildren(); error.textContent = ""; box.style.display = "none"; box.replaceChildren();
    status.textContent = "running\u2026";
    var form = queryForm(query);
    var graph = form === "CONSTRUCT" || form === "DESCRIBE";
    var started = Date.now();
    fetch("/sparql", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded",
                 Accept: graph ? "application/n-triples" : "application/sparql-results+json" },
      body: new URLSearchParams({ query: query })
    }).then(function (r) {
      return r.text().then(function (text) { return { ok: r.ok, status: r.status, text: text }; });
    }).then(function (r) {
      status.textContent = (Date.now() - started) + " ms";
      if (!r.ok) {
        var detail = r.text;
        try { detail = JSON.parse(r.text).detail; } catch (e) { /* plain text */ }
        error.textContent = "Error " + r.status + ": " + detail;
        document.body.setAttribute("data-result", "error");
        return;
      }
      if (graph) { drawGraph(parseNT(r.text), out, box); }
      else {
        var data = JSON.parse(r.text);
        if (typeof data.boolean === "boolean") { out.appendChild(el("p", "ASK: " + data.boolean, { id: "ask" })); }
        else { table(data, out); }
      }
      document.body.setAttribute("data-result", form);
    }).catch(function (e) {
      status.textContent = "";
      error.textContent = String(e);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var area = document.getElementById("query"), pre = document.getElementById("highlight");
    var sync = function () { highlight(area.value, pre); pre.scrollTop = area.scrollTop; };
    area.addEventListener("input", sync);
    area.addEventListener("scroll", function () { pre.scrollTop = area.scrollTop; });
    sync();
    var select = document.getElementById("examples");
    fetch("/static/sparql-examples.json").then(function (r) { return r.json(); }).then(function (list) {
      list.forEach(function (ex, i) { select.appendChild(el("option", ex.name, { value: String(i) })); });
      select.addEventListener("change", function () {
        if (select.value === "") { return; }
        area.value = list[Number(select.value)].query;
        sync();
        run(area.value);
      });
      document.body.setAttribute("data-ready", "true");
    });
    document.getElementById("sparql-form").addEventListener("submit", function (ev) {
      if (ev.submitter && ev.submitter.id === "download") { return; }
      ev.preventDefault();
      run(area.value);
    });
  });
})();
