package engine

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"math"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // time zones work on hosts without a tz database
	"unicode"
	"unicode/utf8"

	"github.com/dop251/goja"
	"github.com/rivo/uniseg"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// Intl is made on first reference of the global, or of a method that
// needs it (Number.prototype.toLocaleString, Date.prototype's
// toLocale*String, String.prototype.localeCompare): nothing is paid by a
// runtime that never touches it (Number.prototype is made in every
// runtime so that its toLocaleString can be taken off: ~4 KB, 35
// allocations).
//
//   - Formatting is FormatJS's ECMA-402 polyfills (lib/intl, built from
//     intlsrc by the repository's esbuild and committed), one program per
//     constructor compiled once per engine and run in a runtime the first
//     time that constructor is read. Intl's properties are accessors
//     until then; the constructors a polyfill reads through Intl's
//     property descriptors (getCanonicalLocales, Locale, and deps in
//     lib/intl.js) are made before it.
//   - Their CLDR data ships for a fixed list of locales (intlsrc.Locales),
//     gzipped, decompressed and compiled once per engine per locale and
//     run in a runtime the first time a tag of that locale is asked for
//     (the polyfills' localeData is a proxy that loads on lookup).
//   - Time zones are Go's (time/tzdata is embedded): a zone's transitions
//     from 1800 to 2100 are computed once per engine on first use and
//     handed to DateTimeFormat as a Go-backed zone table; later instants
//     keep the 2100 offset.
//   - Collator and localeCompare are golang.org/x/text/collate; Segmenter
//     is github.com/rivo/uniseg (FormatJS's segmenter needs \p{…} regular
//     expressions, which goja does not match).
//
// Cost, measured on the shared 2-core build machine (BenchmarkIntl*): a
// runtime's first NumberFormat or number toLocaleString ~70 ms and ~7.7 MB
// of heap; its first Collator ~60 ms, 2.9 MB; its first DateTimeFormat ~2
// s and ~39 MB per locale: the polyfill parses every date pattern of the
// locale's CLDR data in JS. Later calls: NumberFormat#format ~0.2 ms,
// DateTimeFormat#format ~0.4 ms, a date's toLocaleString ~40 ms (a new
// formatter each call). DateTimeFormat's pattern work in Go (parsed once
// per process) is the next step.
//
// Bounds: every host binding here works on one string (bounded by
// MaxStringLen) in time linear in it, polling the interrupt in its loops;
// the polyfills' own loops run as JS, which the deadline interrupts, and
// their results are strings and arrays made by the size-checked
// built-ins.

// intlData is the engine's share: locale data decompressed on first use,
// zone tables computed on first use.
type intlData struct {
	mu      sync.Mutex
	index   string
	locales map[string]map[string]string // locale file → constructor → source
	progs   map[string]*goja.Program     // "file/constructor" → compiled source
	zones   map[string][][4]any          // zone → transitions
}

// intlState is a runtime's share.
type intlState struct {
	collators map[string]*intlCollator
	byID      []*intlCollator
	zoneRows  map[string]goja.Value
}

type intlCollator struct {
	c        *collate.Collator
	resolved string // the resolved options as JSON, with the collator's id
}

func (d *intlData) indexJSON() (string, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.index == "" {
		b, err := libFS.ReadFile("lib/intl/index.json")
		if err != nil {
			return "", err
		}
		d.index = string(b)
	}
	return d.index, nil
}

// localeProgram is one constructor's data for one shipped locale, a
// function of Intl, compiled once per engine; nil if it has none.
func (d *intlData) localeProgram(file, ctor string) (*goja.Program, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	key := file + "/" + ctor
	if p, ok := d.progs[key]; ok {
		return p, nil
	}
	m, ok := d.locales[file]
	if !ok {
		if strings.ContainsAny(file, "/.") {
			return nil, nil
		}
		gz, err := libFS.ReadFile("lib/intl/locale/" + file + ".json.gz")
		if err != nil {
			return nil, nil
		}
		r, err := gzip.NewReader(bytes.NewReader(gz))
		if err != nil {
			return nil, err
		}
		raw, err := io.ReadAll(r)
		if err != nil {
			return nil, err
		}
		if err := json.Unmarshal(raw, &m); err != nil {
			return nil, err
		}
		if d.locales == nil {
			d.locales = map[string]map[string]string{}
		}
		d.locales[file] = m
	}
	src, ok := m[ctor]
	if !ok {
		return nil, nil
	}
	p, err := goja.Compile("intl/locale/"+key+".js", "(function (Intl) {"+src+"\n})", true)
	if err != nil {
		return nil, err
	}
	if d.progs == nil {
		d.progs = map[string]*goja.Program{}
	}
	d.progs[key] = p
	// The source is needed no more once compiled.
	delete(m, ctor)
	return p, nil
}

// zoneRows is a zone's transitions as FormatJS's DateTimeFormat reads
// them: [epoch seconds, abbreviation, offset seconds, DST], the first from
// -Infinity; nil for an unknown zone.
func (d *intlData) zoneRows(name string) [][4]any {
	d.mu.Lock()
	defer d.mu.Unlock()
	if rows, ok := d.zones[name]; ok {
		return rows
	}
	loc, err := time.LoadLocation(name)
	if err != nil || name == "" || name == "Local" {
		return nil
	}
	t := time.Date(1800, 1, 1, 0, 0, 0, 0, loc)
	abbr, off := t.Zone()
	rows := [][4]any{{math.Inf(-1), abbr, off, t.IsDST()}}
	last := time.Date(2101, 1, 1, 0, 0, 0, 0, time.UTC)
	for {
		_, end := t.ZoneBounds()
		if end.IsZero() || end.After(last) {
			break
		}
		if !end.After(t) {
			// Past a zone's last listed transition Go computes zones
			// from its rule a year at a time and reports a zone as ending
			// where the year does: step over it.
			t = t.Add(time.Hour)
			continue
		}
		t = end
		a, o := t.Zone()
		if p := rows[len(rows)-1]; p[1] == a && p[2] == o && p[3] == t.IsDST() {
			continue
		}
		rows = append(rows, [4]any{float64(t.Unix()), a, o, t.IsDST()})
	}
	if d.zones == nil {
		d.zones = map[string][][4]any{}
	}
	d.zones[name] = rows
	return rows
}

// makeIntl makes the Intl global (lib/intl.js).
func (rt *runtime) makeIntl() goja.Value {
	return rt.module("internal/intl", false).ToObject(rt.vm).Get("Intl")
}

// intlMethod makes the Intl constructor a locale-sensitive method needs
// (whose polyfill then defines the method on its prototype) and returns
// the method from proto.
func (rt *runtime) intlMethod(ctor string, proto *goja.Object, name string) goja.Value {
	_ = rt.vm.GlobalObject().Get("Intl")
	load, _ := goja.AssertFunction(rt.module("internal/intl", false).ToObject(rt.vm).Get("load"))
	if _, err := load(goja.Undefined(), rt.vm.ToValue(ctor)); err != nil {
		panic(err)
	}
	if name == "localeCompare" {
		v := rt.module("internal/intl", false).ToObject(rt.vm).Get("localeCompare")
		_ = proto.DefineDataProperty(name, v, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
		return v
	}
	return proto.Get(name)
}

// intlNumberMethods takes Number.prototype.toLocaleString off the
// prototype, to be made with Intl.NumberFormat on first read (the
// polyfill defines its own). Numbers need no global to exist, so this is
// done in every runtime: about 4 KB, most of it goja making
// Number.prototype. BigInt.prototype's is taken off when the BigInt
// global is made (intlBigIntMethods); a BigInt literal's toLocaleString
// in a runtime that has touched neither BigInt nor Intl is goja's (its
// digits, ungrouped).
func (rt *runtime) intlNumberMethods() error {
	return rt.intlLater(rt.vm.ToValue(0).ToObject(rt.vm).Prototype(), "NumberFormat", "toLocaleString")
}

func (rt *runtime) intlBigIntMethods(bigint *goja.Object) {
	if proto, ok := bigint.Get("prototype").(*goja.Object); ok {
		_ = rt.intlLater(proto, "NumberFormat", "toLocaleString")
	}
}

// intlLater takes proto's methods off, to be made by Intl[ctor]'s
// polyfill on first read.
func (rt *runtime) intlLater(proto *goja.Object, ctor string, names ...string) error {
	g, err := rt.newProtoGuard(proto, false)
	if err != nil {
		return err
	}
	for _, name := range names {
		g.later(name, func() goja.Value { return rt.intlMethod(ctor, proto, name) })
	}
	return nil
}

// intlDateMethods does the same for Date.prototype's toLocale*String
// (Intl.DateTimeFormat), when the Date global is made.
func (rt *runtime) intlDateMethods(date *goja.Object) {
	if proto, ok := date.Get("prototype").(*goja.Object); ok {
		_ = rt.intlLater(proto, "DateTimeFormat", "toLocaleString", "toLocaleDateString", "toLocaleTimeString")
	}
}

// intlHost is lib/intl.js's Go bindings.
func (rt *runtime) intlHost() goja.Value {
	vm := rt.vm
	d := &rt.e.intl
	if rt.intl == nil {
		rt.intl = &intlState{}
	}
	st := rt.intl
	h := vm.NewObject()
	_ = h.Set("index", func() string {
		s, err := d.indexJSON()
		if err != nil {
			panic(vm.NewGoError(err))
		}
		return s
	})
	_ = h.Set("loadLocale", func(file, ctor string, intl goja.Value) {
		p, err := d.localeProgram(file, ctor)
		if err != nil {
			panic(vm.NewGoError(err))
		}
		if p == nil {
			return
		}
		fv, err := vm.RunProgram(p)
		if err != nil {
			panic(err)
		}
		fn, _ := goja.AssertFunction(fv)
		if _, err := fn(goja.Undefined(), intl); err != nil {
			panic(err)
		}
	})
	_ = h.Set("zones", func(fixed *goja.Object) *goja.Object {
		idx, err := d.indexJSON()
		if err != nil {
			panic(vm.NewGoError(err))
		}
		var ix struct {
			Zones []string `json:"zones"`
		}
		if err := json.Unmarshal([]byte(idx), &ix); err != nil {
			panic(vm.NewGoError(err))
		}
		z := &zoneTable{rt: rt, d: d, st: st, fixed: fixed, names: ix.Zones}
		z.names = append(z.names, fixed.Keys()...)
		z.known = map[string]bool{}
		for _, n := range z.names {
			z.known[n] = true
		}
		return vm.NewDynamicObject(z)
	})
	_ = h.Set("collator", func(opts string) string { return rt.intlCollator(opts) })
	_ = h.Set("collatorSupported", func(locales string) string {
		var req []string
		_ = json.Unmarshal([]byte(locales), &req)
		out := []string{}
		for _, l := range req {
			if _, ok := matchShipped(d, l); ok {
				out = append(out, l)
			}
		}
		b, _ := json.Marshal(out)
		return string(b)
	})
	_ = h.Set("compare", func(id int, a, b goja.Value) int {
		if id < 0 || id >= len(st.byID) {
			panic(vm.NewTypeError("invalid collator"))
		}
		return st.byID[id].c.CompareString(a.String(), b.String())
	})
	_ = h.Set("segment", func(gran string, s goja.Value, index int) goja.Value {
		str, ok := s.(goja.String)
		if !ok {
			str = s.ToString().(goja.String)
		}
		return rt.segmentAt(gran, str, index)
	})
	return h
}

// matchShipped finds the shipped locale a requested tag falls back to
// (the tag, then shorter prefixes).
func matchShipped(d *intlData, tag string) (string, bool) {
	idx, err := d.indexJSON()
	if err != nil {
		return "", false
	}
	var ix struct {
		Tags map[string]map[string]string `json:"tags"`
	}
	if json.Unmarshal([]byte(idx), &ix) != nil {
		return "", false
	}
	tags := ix.Tags["NumberFormat"]
	t := tag
	if i := strings.Index(t, "-u-"); i >= 0 {
		t = t[:i]
	}
	for t != "" {
		if f, ok := tags[t]; ok {
			_ = f
			return t, true
		}
		i := strings.LastIndex(t, "-")
		if i < 0 {
			break
		}
		t = t[:i]
	}
	return "", false
}

// intlCollator resolves a Collator's locale and options and returns its
// resolved options (with its id), making the x/text collator once per
// runtime per distinct resolution.
func (rt *runtime) intlCollator(opts string) string {
	var o struct {
		Locales           []string `json:"locales"`
		Usage             string   `json:"usage"`
		Numeric           *bool    `json:"numeric"`
		CaseFirst         *string  `json:"caseFirst"`
		Sensitivity       *string  `json:"sensitivity"`
		IgnorePunctuation *bool    `json:"ignorePunctuation"`
	}
	if err := json.Unmarshal([]byte(opts), &o); err != nil {
		panic(rt.vm.NewGoError(err))
	}
	locale := "en-US"
	var ext string
	for _, l := range o.Locales {
		if m, ok := matchShipped(&rt.e.intl, l); ok {
			locale = m
			if i := strings.Index(l, "-u-"); i >= 0 {
				ext = l[i+3:]
			}
			break
		}
	}
	// Unicode extension keys the Collator honours: kn (numeric), kf
	// (caseFirst); options win over them.
	numeric, caseFirst := false, "false"
	var kept []string
	if ext != "" {
		parts := strings.Split(ext, "-")
		for i := 0; i < len(parts); i++ {
			k := parts[i]
			v := ""
			if i+1 < len(parts) && len(parts[i+1]) > 2 {
				v = parts[i+1]
				i++
			}
			switch k {
			case "kn":
				if o.Numeric == nil && (v == "" || v == "true") {
					numeric = true
					kept = append(kept, "kn")
				} else if o.Numeric == nil && v == "false" {
					kept = append(kept, "kn-false")
				}
			case "kf":
				if o.CaseFirst == nil && (v == "upper" || v == "lower" || v == "false") {
					caseFirst = v
					kept = append(kept, "kf-"+v)
				}
			}
		}
	}
	if o.Numeric != nil {
		numeric = *o.Numeric
	}
	if o.CaseFirst != nil {
		caseFirst = *o.CaseFirst
	}
	sens := "variant"
	if o.Sensitivity != nil {
		sens = *o.Sensitivity
	}
	ignorePunct := locale == "th"
	if o.IgnorePunctuation != nil {
		ignorePunct = *o.IgnorePunctuation
	}
	resolvedLocale := locale
	if len(kept) > 0 {
		resolvedLocale += "-u-" + strings.Join(kept, "-")
	}
	key := strings.Join([]string{locale, sens, boolStr(numeric), boolStr(ignorePunct), caseFirst, o.Usage}, "|")
	if rt.intl.collators == nil {
		rt.intl.collators = map[string]*intlCollator{}
	}
	c, ok := rt.intl.collators[key]
	if !ok {
		u := []string{}
		switch sens {
		case "base":
			u = append(u, "ks-level1")
		case "accent":
			u = append(u, "ks-level2")
		case "case":
			u = append(u, "ks-level1", "kc-true")
		}
		if numeric {
			u = append(u, "kn-true")
		}
		if ignorePunct {
			u = append(u, "ka-shifted")
		}
		tag := locale
		if len(u) > 0 {
			tag += "-u-" + strings.Join(u, "-")
		}
		t, err := language.Parse(tag)
		if err != nil {
			t = language.Make(locale)
		}
		col := collate.New(t)
		res, _ := json.Marshal(map[string]any{
			"id": len(rt.intl.byID), "locale": resolvedLocale, "usage": o.Usage, "sensitivity": sens,
			"ignorePunctuation": ignorePunct, "numeric": numeric, "caseFirst": caseFirst,
		})
		c = &intlCollator{c: col, resolved: string(res)}
		rt.intl.collators[key] = c
		rt.intl.byID = append(rt.intl.byID, c)
	}
	return c.resolved
}

func boolStr(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// zoneTable is DateTimeFormat's zone table: every zone name is a key, a
// zone's transitions are made when it is read.
type zoneTable struct {
	rt    *runtime
	d     *intlData
	st    *intlState
	fixed *goja.Object
	names []string
	known map[string]bool
}

func (z *zoneTable) Get(key string) goja.Value {
	if !z.known[key] {
		return nil
	}
	if v := z.fixed.Get(key); v != nil && !goja.IsUndefined(v) {
		return v
	}
	if v, ok := z.st.zoneRows[key]; ok {
		return v
	}
	rows := z.d.zoneRows(key)
	if rows == nil {
		return nil
	}
	vm := z.rt.vm
	out := make([]any, len(rows))
	for i, r := range rows {
		out[i] = vm.NewArray(r[0], r[1], r[2], r[3])
	}
	v := vm.NewArray(out...)
	if z.st.zoneRows == nil {
		z.st.zoneRows = map[string]goja.Value{}
	}
	z.st.zoneRows[key] = v
	return v
}
func (z *zoneTable) Has(key string) bool         { return z.known[key] }
func (z *zoneTable) Set(string, goja.Value) bool { return false }
func (z *zoneTable) Delete(string) bool          { return false }
func (z *zoneTable) Keys() []string              { return z.names }

// segmentAt finds the segment that starts at or holds index: [start, end,
// wordLike] in UTF-16 units, or undefined past the end. It walks from the
// start of the string in windows, polling the interrupt.
func (rt *runtime) segmentAt(gran string, s goja.String, index int) goja.Value {
	n := s.Length()
	if index < 0 || index >= n {
		return goja.Undefined()
	}
	pos := 0
	steps := 0
	for pos < n {
		start, end, word := segmentFrom(gran, s, pos, n)
		if end > index {
			return rt.vm.ToValue([]any{start, end, word})
		}
		pos = end
		if steps++; steps&(pollEvery-1) == 0 {
			rt.poll()
		}
	}
	return goja.Undefined()
}

// segmentFrom segments s from the boundary pos: the first segment's
// [start, end) in UTF-16 units and whether it is word-like.
func segmentFrom(gran string, s goja.String, pos, n int) (int, int, bool) {
	w := 64
	for {
		end := min(pos+w, n)
		sub := s.Substring(pos, end).String()
		var seg string
		switch gran {
		case "word":
			seg, _, _ = uniseg.FirstWordInString(sub, -1)
		case "sentence":
			seg, _, _ = uniseg.FirstSentenceInString(sub, -1)
		default:
			seg, _, _, _ = uniseg.FirstGraphemeClusterInString(sub, -1)
		}
		units := 0
		for _, r := range seg {
			if r >= 0x10000 {
				units += 2
			} else {
				units++
			}
		}
		if units == 0 {
			units = 1
		}
		// A segment that reaches the window's end may go on past it.
		if pos+units < end || end == n {
			return pos, pos + units, gran == "word" && wordLike(seg)
		}
		w *= 4
	}
}

func wordLike(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsNumber(r) || r == utf8.RuneError {
			return r != utf8.RuneError
		}
	}
	return false
}
