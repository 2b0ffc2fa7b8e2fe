// The Intl global (see intl.go). Each constructor is an accessor on Intl
// until first read: it then runs its FormatJS polyfill (lib/intl/*.js,
// compiled once per engine), which defines it as a data property. A
// polyfill's CLDR data is loaded per locale on first use: its localeData
// becomes a proxy that asks the host for a locale's JSON the first time a
// tag that locale answers is looked up (index.json lists them), and its
// availableLocales holds every shipped tag from the start. Time zones come
// from Go's time package (host.zones, a Go-backed object). Collator and
// Segmenter are Go (x/text/collate, uniseg) behind small JS classes.
'use strict';

var Intl = {};
var index = null;
var getIndex = function () {
  if (index === null) index = JSON.parse(host.index());
  return index;
};

var polyfills = {
  getCanonicalLocales: 'intl-getcanonicallocales',
  Locale: 'intl-locale',
  PluralRules: 'intl-pluralrules',
  NumberFormat: 'intl-numberformat',
  DateTimeFormat: 'intl-datetimeformat',
  RelativeTimeFormat: 'intl-relativetimeformat',
  ListFormat: 'intl-listformat',
  DisplayNames: 'intl-displaynames',
  supportedValuesOf: 'intl-supportedvaluesof'
};
// deps: the constructors a polyfill reads through Intl's property
// descriptors when it runs (an accessor would read as absent): made first.
var deps = {
  NumberFormat: ['Locale', 'PluralRules'],
  DateTimeFormat: ['Locale', 'NumberFormat'],
  RelativeTimeFormat: ['Locale', 'NumberFormat', 'PluralRules'],
  PluralRules: ['Locale'],
  ListFormat: ['Locale'],
  DisplayNames: ['Locale']
};
var own = {
  Collator: function () { return makeCollator(); },
  Segmenter: function () { return makeSegmenter(); }
};

var define = function (o, name, value) {
  Object.defineProperty(o, name, { value: value, writable: true, enumerable: false, configurable: true });
};

// loading is set while a polyfill's top level runs: some look at other
// constructors there (to patch a host's own), and must find none rather
// than load them.
var loading = false;

// load makes Intl[name] (its polyfill, then its data hooks) and returns it.
var load = function (name) {
  var d = Object.getOwnPropertyDescriptor(Intl, name);
  if (d && !d.get) return d.value;
  if (own[name]) {
    define(Intl, name, own[name]());
    return Intl[name];
  }
  // The polyfills read Intl.getCanonicalLocales through its descriptor
  // (an accessor would not do): it comes first, as a data property.
  if (name !== 'getCanonicalLocales') load('getCanonicalLocales');
  (deps[name] || []).forEach(load);
  // A polyfill defines Intl[name] on the global Intl (this object).
  delete Intl[name];
  loading = true;
  try { require('internal/' + polyfills[name]); } finally { loading = false; }
  var C = Intl[name];
  if (C === undefined) throw new Error('Intl.' + name + ' failed to load');
  if (getIndex().tags[name]) lazyData(name, C);
  if (name === 'DateTimeFormat') { zones(C); plainSpaces(C); }
  if (name === 'supportedValuesOf') C = timeZoneValues(C);
  return C;
};

Object.keys(polyfills).concat(Object.keys(own)).forEach(function (name) {
  Object.defineProperty(Intl, name, {
    get: function () { return loading ? undefined : load(name); },
    set: function (v) { define(Intl, name, v); },
    enumerable: false,
    configurable: true
  });
});
Object.defineProperty(Intl, Symbol.toStringTag, { value: 'Intl', configurable: true });

// lazyData makes C's locale data load per locale on first use.
var lazyData = function (name, C) {
  var tags = getIndex().tags[name];
  var files = getIndex().locales;
  var target = C.localeData;
  var loaded = {};
  var inLoad = false;
  var loadFile = function (f) {
    if (loaded[f]) return;
    loaded[f] = true;
    // Parents first: a child's data registers its parent tag as a
    // fallback unless the parent is there already.
    var parts = f.split('-');
    for (var i = 1; i < parts.length; i++) {
      var p = parts.slice(0, i).join('-');
      if (files.indexOf(p) >= 0) loadFile(p);
    }
    inLoad = true;
    try { host.loadLocale(f, name, Intl); } finally { inLoad = false; }
  };
  var ensure = function (k) {
    if (inLoad || typeof k !== 'string' || Object.prototype.hasOwnProperty.call(target, k)) return;
    if (!Object.prototype.hasOwnProperty.call(tags, k)) return;
    var f = tags[k];
    loadFile(f);
    // A regional tag answered by its language's data (tr-TR by tr).
    if (!Object.prototype.hasOwnProperty.call(target, k) && Object.prototype.hasOwnProperty.call(target, f)) target[k] = target[f];
  };
  C.localeData = new Proxy(target, {
    get: function (t, k) { ensure(k); return t[k]; },
    has: function (t, k) { ensure(k); return k in t; },
    getOwnPropertyDescriptor: function (t, k) { ensure(k); return Reflect.getOwnPropertyDescriptor(t, k); }
  });
  // English is the default locale: it is registered first; en-US, as in
  // Node, where the polyfill lets it be set.
  loadFile('en');
  var dl = Object.getOwnPropertyDescriptor(C, '__defaultLocale');
  if (dl && dl.set) C.__defaultLocale = 'en-US';
  var avail = C.availableLocales;
  Object.keys(tags).forEach(function (t) { avail.add(t); });
};

// zones gives DateTimeFormat Go's time zones and UTC as the default.
var zones = function (C) {
  var fixed = C.tzData;
  C.tzData = host.zones(fixed);
  if (typeof C.__setDefaultTimeZone === 'function') C.__setDefaultTimeZone('UTC');
};

// plainSpaces: Node's format and Date's toLocale*String put a plain space
// where CLDR's patterns have U+202F (before AM/PM, in "2024 г."), for
// code that parses formatted dates; formatToParts and formatRange keep it.
var plainSpaces = function (C) {
  var nnbsp = /\u202f/g;
  var fix = function (s) { return typeof s === 'string' ? s.replace(nnbsp, ' ') : s; };
  var d = Object.getOwnPropertyDescriptor(C.prototype, 'format');
  if (d && d.get) {
    var bound = new WeakMap();
    Object.defineProperty(C.prototype, 'format', {
      get: { format: function () {
        var f = d.get.call(this);
        var g = bound.get(f);
        if (!g) {
          g = function (date) { return fix(f(date)); };
          bound.set(f, g);
        }
        return g;
      } }.format,
      enumerable: d.enumerable, configurable: true
    });
  }
  var m = {
    toLocaleString: function () { return fix(orig.toLocaleString.apply(this, arguments)); },
    toLocaleDateString: function () { return fix(orig.toLocaleDateString.apply(this, arguments)); },
    toLocaleTimeString: function () { return fix(orig.toLocaleTimeString.apply(this, arguments)); }
  };
  var orig = {};
  Object.keys(m).forEach(function (k) {
    orig[k] = Date.prototype[k];
    Object.defineProperty(m[k], 'name', { value: k });
    Object.defineProperty(m[k], 'length', { value: 0 });
    Object.defineProperty(Date.prototype, k, { value: m[k], writable: true, enumerable: false, configurable: true });
  });
};

// timeZoneValues answers supportedValuesOf('timeZone') from the zone list
// (the polyfill checks each zone against every other, in JS: seconds).
var timeZoneValues = function (orig) {
  var f = {
    supportedValuesOf: function supportedValuesOf(key) {
      if (String(key) === 'timeZone') {
        return getIndex().zones.filter(function (z) { return z.indexOf('/') > 0 && z.slice(0, 4) !== 'Etc/'; }).concat(['UTC']).sort();
      }
      return orig.call(this, key);
    }
  }.supportedValuesOf;
  define(Intl, 'supportedValuesOf', f);
  return f;
};

// ---- Collator (x/text/collate) ---------------------------------------------

var makeCollator = function () {
  var slots = new WeakMap();
  var getSlots = function (o, m) {
    var s = o !== null && typeof o === 'object' ? slots.get(o) : undefined;
    if (!s) throw new TypeError('Method Intl.Collator.prototype.' + m + ' called on incompatible receiver ' + String(o));
    return s;
  };
  var getOpt = function (opts, key, allowed, fallback) {
    var v = opts[key];
    if (v === undefined) return fallback;
    if (allowed === 'boolean') return Boolean(v);
    v = String(v);
    if (allowed && allowed.indexOf(v) < 0) throw new RangeError('Value ' + v + ' out of range for Intl.Collator options property ' + key);
    return v;
  };
  var Collator = function Collator(locales, options) {
    if (!(this instanceof Collator)) return new Collator(locales, options);
    var requested = Intl.getCanonicalLocales(locales);
    var opts = options === undefined ? Object.create(null) : Object(options);
    var usage = getOpt(opts, 'usage', ['sort', 'search'], 'sort');
    getOpt(opts, 'localeMatcher', ['lookup', 'best fit'], 'best fit');
    getOpt(opts, 'collation', null, undefined);
    var numeric = getOpt(opts, 'numeric', 'boolean', undefined);
    var caseFirst = getOpt(opts, 'caseFirst', ['upper', 'lower', 'false'], undefined);
    var sensitivity = getOpt(opts, 'sensitivity', ['base', 'accent', 'case', 'variant'], undefined);
    var ignorePunctuation = getOpt(opts, 'ignorePunctuation', 'boolean', undefined);
    var r = JSON.parse(host.collator(JSON.stringify({
      locales: requested, usage: usage, numeric: numeric, caseFirst: caseFirst,
      sensitivity: sensitivity, ignorePunctuation: ignorePunctuation
    })));
    slots.set(this, r);
  };
  Object.defineProperty(Collator, 'length', { value: 0 });
  define(Collator, 'supportedLocalesOf', function supportedLocalesOf(locales) {
    return JSON.parse(host.collatorSupported(JSON.stringify(Intl.getCanonicalLocales(locales))));
  });
  Object.defineProperty(Collator.prototype, 'compare', {
    get: function () {
      var s = getSlots(this, 'compare');
      if (!s.bound) {
        var id = s.id;
        s.bound = function (a, b) { return host.compare(id, String(a), String(b)); };
      }
      return s.bound;
    },
    enumerable: false, configurable: true
  });
  define(Collator.prototype, 'resolvedOptions', function resolvedOptions() {
    var s = getSlots(this, 'resolvedOptions');
    return {
      locale: s.locale, usage: s.usage, sensitivity: s.sensitivity, ignorePunctuation: s.ignorePunctuation,
      collation: 'default', numeric: s.numeric, caseFirst: s.caseFirst
    };
  });
  Object.defineProperty(Collator.prototype, Symbol.toStringTag, { value: 'Intl.Collator', configurable: true });
  return Collator;
};

// ---- Segmenter (uniseg) -----------------------------------------------------

var makeSegmenter = function () {
  var slots = new WeakMap();
  var Segmenter = function Segmenter(locales, options) {
    if (!new.target) throw new TypeError("Constructor Intl.Segmenter requires 'new'");
    var requested = Intl.getCanonicalLocales(locales);
    var opts = options === undefined ? Object.create(null) : Object(options);
    var g = opts.granularity === undefined ? 'grapheme' : String(opts.granularity);
    if (['grapheme', 'word', 'sentence'].indexOf(g) < 0) throw new RangeError('Value ' + g + ' out of range for Intl.Segmenter options property granularity');
    var locale = Intl.NumberFormat.supportedLocalesOf(requested)[0] || 'en';
    slots.set(this, { locale: locale, granularity: g });
  };
  var segmentsProto = {};
  var iteratorProto = Object.create(Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())));
  var segmentAt = function (s, str, index) {
    // [start, end, wordLike] of the segment holding index.
    var r = host.segment(s.granularity, str, index);
    if (r === undefined) return undefined;
    var seg = { segment: str.slice(r[0], r[1]), index: r[0], input: str };
    if (s.granularity === 'word') seg.isWordLike = r[2];
    return seg;
  };
  define(Segmenter.prototype, 'segment', function segment(string) {
    var s = slots.get(this);
    if (!s) throw new TypeError('Method Intl.Segmenter.prototype.segment called on incompatible receiver');
    var str = String(string);
    var segs = Object.create(segmentsProto);
    slots.set(segs, { seg: s, str: str });
    return segs;
  });
  define(segmentsProto, 'containing', function containing(index) {
    var d = slots.get(this);
    var n = index === undefined ? 0 : Math.trunc(Number(index)) || 0;
    if (n < 0 || n >= d.str.length) return undefined;
    return segmentAt(d.seg, d.str, n);
  });
  define(segmentsProto, Symbol.iterator, function () {
    var d = slots.get(this);
    var it = Object.create(iteratorProto);
    slots.set(it, { seg: d.seg, str: d.str, pos: 0 });
    return it;
  });
  define(iteratorProto, 'next', function next() {
    var d = slots.get(this);
    if (!d) throw new TypeError('next called on incompatible receiver');
    if (d.pos >= d.str.length) return { value: undefined, done: true };
    var seg = segmentAt(d.seg, d.str, d.pos);
    d.pos = seg.index + seg.segment.length;
    return { value: seg, done: false };
  });
  Object.defineProperty(iteratorProto, Symbol.toStringTag, { value: 'Segmenter String Iterator', configurable: true });
  define(Segmenter.prototype, 'resolvedOptions', function resolvedOptions() {
    var s = slots.get(this);
    if (!s) throw new TypeError('Method Intl.Segmenter.prototype.resolvedOptions called on incompatible receiver');
    return { locale: s.locale, granularity: s.granularity };
  });
  define(Segmenter, 'supportedLocalesOf', function supportedLocalesOf(locales) {
    return Intl.NumberFormat.supportedLocalesOf(locales);
  });
  Object.defineProperty(Segmenter.prototype, Symbol.toStringTag, { value: 'Intl.Segmenter', configurable: true });
  return Segmenter;
};

// localeCompare as Node has it: a Collator for the locales and options.
var defaultCollator = null;
var localeCompare = function localeCompare(that, locales, options) {
  if (this === null || this === undefined) throw new TypeError('String.prototype.localeCompare called on null or undefined');
  var c;
  if (locales === undefined && options === undefined) {
    if (defaultCollator === null) defaultCollator = new Intl.Collator();
    c = defaultCollator;
  } else {
    c = new Intl.Collator(locales, options);
  }
  return c.compare(String(this), String(that));
};

exports.Intl = Intl;
exports.load = load;
exports.localeCompare = localeCompare;
