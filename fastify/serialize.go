package fastify

import (
	"errors"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/dlclark/regexp2/v2"
)

// Serializer writes response bodies the way fast-json-stringify (7.x, as
// Fastify 5 compiles a response schema) does. It is immutable and safe for
// concurrent use.
type Serializer struct {
	root *snode
}

// SerializeError is what fast-json-stringify throws while serializing
// (a missing required property, a value that cannot be converted); Fastify
// answers it with a 500 whose message is Error().
type SerializeError struct{ msg string }

func (e *SerializeError) Error() string { return e.msg }

type skind uint8

const (
	kStringify skind = iota // no type: JSON.stringify(value)
	kNull
	kString
	kInteger
	kNumber
	kBoolean
	kObject
	kArray
	kConst
	kMulti
	kUnion // anyOf / oneOf: first option whose schema validates
	kIf    // if/then/else
)

type sprop struct {
	key      string
	prefix   []byte // "key":
	n        *snode
	required bool
	def      []byte // JSON of the default, or nil
}

type spat struct {
	re *regexp2.Regexp
	n  *snode
}

type snode struct {
	kind     skind
	nullable bool
	ref      string // schema reference used in fast-json-stringify messages
	format   string

	constJSON []byte
	constNull bool // const with a type list containing "null"

	multi     []*snode
	multiType []string

	// object
	props    []sprop
	reqExtra []string // required names not declared in properties
	pats     []spat
	addMode  int // 0: drop extras, 1: additionalProperties true, 2: schema
	add      *snode
	extras   bool

	// array
	items     *snode
	tuple     []*snode
	tupleCond []tupleCond
	addItems  bool
	isTuple   bool

	// anyOf/oneOf and if/then/else
	options []*snode
	checks  []*Validator // validators picking the option / the if branch
	thenN   *snode
	elseN   *snode
}

type tupleCond struct {
	types    []string // nil: the condition is undefined (always false)
	nullable bool
}

// CompileSerializer compiles a response schema (JSON text). Schemas that
// fast-json-stringify rejects give an error.
func CompileSerializer(schemaJSON []byte) (*Serializer, error) {
	s, err := ParseJSON(schemaJSON)
	if err != nil {
		return nil, &SchemaError{Msg: "schema is not valid JSON: " + err.Error()}
	}
	sc := &scompiler{c: newCompiler(s), cache: map[string]*snode{}, mergedIDs: map[string]string{}}
	sc.c.plain = true
	n, err := sc.build(s, "#", 0)
	if err != nil {
		return nil, err
	}
	return &Serializer{root: n}, nil
}

type scompiler struct {
	c         *compiler
	plain     *compiler         // for the branch-choosing validators
	cache     map[string]*snode // by schema reference: recursion and reuse
	mergedIDs map[string]string // merge key → __fjs_merged_N#
}

const maxSchemaDepth = 100

func (sc *scompiler) build(schema any, ref string, depth int) (*snode, error) {
	if depth > maxSchemaDepth {
		return nil, &SchemaError{Msg: "schema exceeds maximum depth of 100"}
	}
	if _, ok := schema.(bool); ok {
		return &snode{kind: kStringify, ref: ref}, nil
	}
	o, ok := schema.(*Object)
	if !ok {
		return nil, &SchemaError{Path: ref, Msg: "schema must be an object or a boolean"}
	}
	if _, ok := o.Get("$ref"); ok {
		target, tref, err := sc.resolveRefFJS(o, ref)
		if err != nil {
			return nil, err
		}
		if n, ok := sc.cache[tref]; ok {
			return n, nil
		}
		return sc.build(target, tref, depth+1)
	}
	n := &snode{ref: ref}
	sc.cache[ref] = n // before building children: recursive $ref ends here
	if err := sc.fill(n, o, ref, depth); err != nil {
		return nil, err
	}
	return n, nil
}

func (sc *scompiler) resolveRef(holder *Object, ref, from string) (any, string, error) {
	target, ok := sc.c.resolve(sc.c.baseOf[holder], ref)
	if !ok {
		return nil, "", &SchemaError{Path: from, Msg: `Cannot find reference "` + ref + `"`}
	}
	tref := ref
	if i := strings.IndexByte(ref, '#'); i >= 0 {
		tref = ref[i:]
		if i > 0 {
			tref = ref // another document: keep the full reference
		}
	} else {
		tref = ref + "#"
	}
	if tref == "" {
		tref = "#"
	}
	return target, tref, nil
}

// ignoredRefSiblings do not change the output of a $ref schema.
var ignoredRefSiblings = map[string]bool{"$ref": true, "$comment": true, "title": true, "description": true,
	"examples": true, "deprecated": true, "readOnly": true, "writeOnly": true}

func hasRefSiblings(o *Object) bool {
	for _, m := range o.Members {
		if !ignoredRefSiblings[m.Key] {
			return true
		}
	}
	return false
}

func withoutKeys(o *Object, keys ...string) *Object {
	out := NewObject(o.Len())
outer:
	for _, m := range o.Members {
		for _, k := range keys {
			if m.Key == k {
				continue outer
			}
		}
		out.Members = append(out.Members, m)
	}
	return out
}

func (sc *scompiler) fill(n *snode, o *Object, ref string, depth int) error {
	if _, ok := o.Get("allOf"); ok {
		return sc.fillAllOf(n, o, ref, depth)
	}
	if _, ok := o.Get("anyOf"); ok {
		return sc.fillUnion(n, o, "anyOf", ref, depth)
	}
	if _, ok := o.Get("oneOf"); ok {
		return sc.fillUnion(n, o, "oneOf", ref, depth)
	}
	if ifV, ok := o.Get("if"); ok && truthySchema(ifV) {
		t, hasT := o.Get("then")
		e, hasE := o.Get("else")
		if (hasT && truthySchema(t)) || (hasE && truthySchema(e)) {
			return sc.fillIf(n, o, ref, depth)
		}
	}
	typ, hasType := o.Get("type")
	if !hasType {
		if t := inferType(o); t != "" {
			typ, hasType = t, true
		}
	}
	if nv, ok := o.Get("nullable"); ok && nv == true {
		n.nullable = true
	}
	if cv, ok := o.Get("const"); ok {
		n.kind = kConst
		n.constJSON = AppendJSON(nil, cv)
		if arr, ok := typ.([]any); ok {
			for _, t := range arr {
				if t == "null" {
					n.constNull = true
				}
			}
		}
		return nil
	}
	if arr, ok := typ.([]any); ok && hasType {
		types := make([]string, 0, len(arr))
		for _, t := range arr {
			s, ok := t.(string)
			if _, known := parseType(s); !ok || !known {
				return &SchemaError{Path: ref, Msg: "schema is invalid: data/type must be equal to one of the allowed values"}
			}
			for _, prev := range types {
				if prev == s {
					return &SchemaError{Path: ref, Msg: "schema is invalid: type entries must be unique"}
				}
			}
			types = append(types, s)
		}
		types = v8SortNullFirst(types)
		n.kind = kMulti
		for _, t := range types {
			sub := &snode{ref: ref}
			if err := sc.fillSingle(sub, o, t, ref, depth); err != nil {
				return err
			}
			n.multi = append(n.multi, sub)
			n.multiType = append(n.multiType, t)
		}
		return nil
	}
	t, _ := typ.(string)
	if hasType && t == "" {
		return &SchemaError{Path: ref, Msg: "type must be a string or an array of strings"}
	}
	return sc.fillSingle(n, o, t, ref, depth)
}

func truthySchema(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case bool:
		return x
	}
	return true
}

var (
	objectKeywords = []string{"properties", "required", "additionalProperties", "patternProperties", "maxProperties", "minProperties", "dependencies"}
	arrayKeywords  = []string{"items", "additionalItems", "maxItems", "minItems", "uniqueItems", "contains"}
	stringKeywords = []string{"maxLength", "minLength", "pattern"}
	numberKeywords = []string{"multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum"}
)

// inferType is fast-json-stringify's inferTypeByKeyword.
func inferType(o *Object) string {
	for _, g := range []struct {
		kws []string
		t   string
	}{{objectKeywords, "object"}, {arrayKeywords, "array"}, {stringKeywords, "string"}, {numberKeywords, "number"}} {
		for _, k := range g.kws {
			if _, ok := o.Get(k); ok {
				return g.t
			}
		}
	}
	return ""
}

// v8SortNullFirst reproduces [...types].sort(t1 => t1 === 'null' ? -1 : 1)
// as V8's TimSort (binary insertion for short arrays) orders it.
func v8SortNullFirst(a []string) []string {
	a = append([]string(nil), a...)
	cmp := func(x, _ string) int {
		if x == "null" {
			return -1
		}
		return 1
	}
	n := len(a)
	if n < 2 {
		return a
	}
	// CountAndMakeRun
	run := 2
	desc := cmp(a[1], a[0]) < 0
	prev := a[1]
	for i := 2; i < n; i++ {
		o := cmp(a[i], prev)
		if desc {
			if o >= 0 {
				break
			}
		} else if o < 0 {
			break
		}
		prev = a[i]
		run++
	}
	if desc {
		for i, j := 0, run-1; i < j; i, j = i+1, j-1 {
			a[i], a[j] = a[j], a[i]
		}
	}
	// BinaryInsertionSort(0, run, n)
	for start := run; start < n; start++ {
		left, right := 0, start
		pivot := a[start]
		for left < right {
			mid := left + (right-left)>>1
			if cmp(pivot, a[mid]) < 0 {
				right = mid
			} else {
				left = mid + 1
			}
		}
		copy(a[left+1:start+1], a[left:start])
		a[left] = pivot
	}
	return a
}

func (sc *scompiler) fillSingle(n *snode, o *Object, t, ref string, depth int) error {
	switch t {
	case "":
		n.kind = kStringify
	case "null":
		n.kind = kNull
	case "string":
		n.kind = kString
		if f, ok := o.Get("format"); ok {
			n.format, _ = f.(string)
		}
	case "integer":
		n.kind = kInteger
	case "number":
		n.kind = kNumber
	case "boolean":
		n.kind = kBoolean
	case "object":
		n.kind = kObject
		return sc.fillObject(n, o, ref, depth)
	case "array":
		n.kind = kArray
		return sc.fillArray(n, o, ref, depth)
	default:
		return &SchemaError{Path: ref, Msg: t + " unsupported"}
	}
	return nil
}

func (sc *scompiler) fillObject(n *snode, o *Object, ref string, depth int) error {
	var required []string
	if r, ok := o.Get("required"); ok {
		arr, _ := r.([]any)
		for _, e := range arr {
			if s, ok := e.(string); ok {
				required = append(required, s)
			}
		}
	}
	isReq := func(k string) bool {
		for _, r := range required {
			if r == k {
				return true
			}
		}
		return false
	}
	var props []sprop
	declared := map[string]bool{}
	if pv, ok := o.Get("properties"); ok {
		po, ok := pv.(*Object)
		if !ok {
			return &SchemaError{Path: ref, Msg: "properties must be an object"}
		}
		for _, m := range po.Members {
			declared[m.Key] = true
			sub, err := sc.build(m.Value, ref+"/properties/"+escapeJSONPointer(m.Key), depth+1)
			if err != nil {
				return err
			}
			p := sprop{key: m.Key, n: sub, required: isReq(m.Key)}
			p.prefix = append(appendQuoted(nil, m.Key), ':')
			if d, ok := sc.defaultOf(m.Value); ok {
				p.def = AppendJSON(nil, d)
			}
			props = append(props, p)
		}
	}
	// required properties first, otherwise schema order (a stable sort)
	sort.SliceStable(props, func(i, j int) bool { return props[i].required && !props[j].required })
	n.props = props
	for _, r := range required {
		if !declared[r] {
			n.reqExtra = append(n.reqExtra, r)
		}
	}
	pp, hasPP := o.Get("patternProperties")
	ap, hasAP := o.Get("additionalProperties")
	if hasPP && truthySchema(pp) {
		n.extras = true
		if ppo, ok := pp.(*Object); ok {
			for _, m := range ppo.Members {
				re, err := regexp2.Compile(m.Key, regexp2.ECMAScript)
				if err != nil {
					return &SchemaError{Path: ref, Msg: "invalid patternProperties pattern " + m.Key + ": " + err.Error()}
				}
				re.MatchTimeout = regexTimeout
				sub, err := sc.build(m.Value, ref+"/patternProperties/"+escapeJSONPointer(m.Key), depth+1)
				if err != nil {
					return err
				}
				n.pats = append(n.pats, spat{re: re, n: sub})
			}
		}
	}
	if hasAP && truthySchema(ap) {
		n.extras = true
		if ap == true {
			n.addMode = 1
		} else {
			sub, err := sc.build(ap, ref+"/additionalProperties", depth+1)
			if err != nil {
				return err
			}
			n.addMode, n.add = 2, sub
		}
	}
	return nil
}

// defaultOf is the default of a property schema after fast-json-stringify
// resolved its $ref (merging siblings).
func (sc *scompiler) defaultOf(s any) (any, bool) {
	o, ok := s.(*Object)
	if !ok {
		return nil, false
	}
	if _, has := o.Get("$ref"); has {
		t, _, err := sc.resolveRefFJS(o, "")
		if err != nil {
			return nil, false
		}
		if o, ok = t.(*Object); !ok {
			return nil, false
		}
	}
	return o.Get("default")
}

func (sc *scompiler) fillArray(n *snode, o *Object, ref string, depth int) error {
	iv, ok := o.Get("items")
	if ai, ok := o.Get("additionalItems"); ok && truthySchema(ai) {
		n.addItems = true
	}
	if !ok {
		n.items = &snode{kind: kStringify, ref: ref + "/items"}
		return nil
	}
	if arr, isArr := iv.([]any); isArr {
		n.isTuple = true
		for i, e := range arr {
			iref := ref + "/items/" + itoa(i)
			sub, err := sc.build(e, iref, depth+1)
			if err != nil {
				return err
			}
			n.tuple = append(n.tuple, sub)
			n.tupleCond = append(n.tupleCond, sc.tupleCondition(e))
		}
		return nil
	}
	sub, err := sc.build(iv, ref+"/items", depth+1)
	if err != nil {
		return err
	}
	n.items = sub
	return nil
}

func itoa(i int) string { return FormatNumber(float64(i)) }

func (sc *scompiler) tupleCondition(s any) tupleCond {
	o, ok := s.(*Object)
	if !ok {
		return tupleCond{}
	}
	if _, has := o.Get("$ref"); has {
		t, _, err := sc.resolveRefFJS(o, "")
		if err != nil {
			return tupleCond{}
		}
		if o, ok = t.(*Object); !ok {
			return tupleCond{}
		}
	}
	var tc tupleCond
	if nv, ok := o.Get("nullable"); ok && nv == true {
		tc.nullable = true
	}
	tv, _ := o.Get("type")
	switch x := tv.(type) {
	case string:
		tc.types = []string{x}
	case []any:
		for _, e := range x {
			if s, ok := e.(string); ok {
				tc.types = append(tc.types, s)
			}
		}
	}
	return tc
}

// ---- runtime

// Append appends the serialization of v (nil, bool, float64, int, int64,
// string, []any, *Object, time.Time) to dst. On error the returned slice is
// dst unchanged and the error is a *SerializeError with
// fast-json-stringify's message.
func (s *Serializer) Append(dst []byte, v any) ([]byte, error) {
	n := len(dst)
	w := swriter{}
	out, err := w.write(s.root, dst, v)
	if err != nil {
		return dst[:n], err
	}
	return out, nil
}

func serr(msg string) error { return &SerializeError{msg: msg} }

func mismatch(ref string) error {
	return serr("The value of '" + ref + "' does not match schema definition.")
}

// swriter carries the recursion depth of one Append call.
type swriter struct{ depth int }

// maxSerializeDepth bounds recursion through recursive schemas (where
// fast-json-stringify overflows the JavaScript stack).
const maxSerializeDepth = 2000

func (w *swriter) write(n *snode, dst []byte, v any) ([]byte, error) {
	w.depth++
	defer func() { w.depth-- }()
	if w.depth > maxSerializeDepth {
		return dst, serr("Maximum call stack size exceeded")
	}
	return n.write(w, dst, v)
}

func (n *snode) write(w *swriter, dst []byte, v any) ([]byte, error) {
	if n.nullable && v == nil {
		return append(dst, "null"...), nil
	}
	switch n.kind {
	case kStringify:
		return AppendJSON(dst, v), nil
	case kNull:
		return append(dst, "null"...), nil
	case kConst:
		if n.constNull && v == nil {
			return append(dst, "null"...), nil
		}
		return append(dst, n.constJSON...), nil
	case kString:
		return n.writeString(dst, v)
	case kInteger:
		if f, ok := numberOf(v); ok && isFinite(f) && f == math.Trunc(f) {
			return appendNumber(dst, f), nil
		}
		f := math.Trunc(jsNumber(v))
		if math.IsInf(f, 0) || math.IsNaN(f) {
			return dst, serr(`The value "` + jsString(v) + `" cannot be converted to an integer.`)
		}
		return appendNumber(dst, f), nil
	case kNumber:
		f := jsNumber(v)
		if math.IsNaN(f) {
			return dst, serr(`The value "` + jsString(v) + `" cannot be converted to a number.`)
		}
		if math.IsInf(f, 0) {
			return append(dst, "null"...), nil
		}
		return appendNumber(dst, f), nil
	case kBoolean:
		if jsTruthy(v) {
			return append(dst, "true"...), nil
		}
		return append(dst, "false"...), nil
	case kObject:
		return n.writeObject(w, dst, v)
	case kArray:
		return n.writeArray(w, dst, v)
	case kMulti:
		for i, t := range n.multiType {
			if multiMatches(t, v) {
				return w.write(n.multi[i], dst, v)
			}
		}
		return dst, mismatch(n.ref)
	case kUnion:
		for i, c := range n.checks {
			if c.matches(v) {
				return w.write(n.options[i], dst, v)
			}
		}
		return dst, mismatch(n.ref)
	case kIf:
		if n.checks[0].matches(v) {
			return w.write(n.thenN, dst, v)
		}
		return w.write(n.elseN, dst, v)
	}
	return dst, errors.New("fastify: unknown serializer node")
}

// stringLike is fast-json-stringify's "string" type test: strings, null,
// Dates, RegExps, and objects with their own toString (arrays).
func stringLike(v any) bool {
	switch v.(type) {
	case string, nil, time.Time, []any:
		return true
	}
	return false
}

func multiMatches(t string, v any) bool {
	switch t {
	case "null":
		return v == nil
	case "string":
		return stringLike(v)
	case "array":
		_, ok := v.([]any)
		return ok
	case "integer":
		f, ok := numberOf(v)
		return v == nil || ok && isFinite(f) && f == math.Trunc(f)
	case "object":
		if v == nil {
			return true
		}
		switch v.(type) {
		case *Object, time.Time:
			return true
		}
		return false
	case "number":
		_, ok := numberOf(v)
		return ok || v == nil
	case "boolean":
		_, ok := v.(bool)
		return ok || v == nil
	}
	return v == nil
}

func tupleMatches(tc tupleCond, v any) bool {
	if tc.nullable && v == nil {
		return true
	}
	for _, t := range tc.types {
		switch t {
		case "null":
			if v == nil {
				return true
			}
		case "string":
			if stringLike(v) {
				return true
			}
		case "integer":
			if f, ok := numberOf(v); ok && isFinite(f) && f == math.Trunc(f) {
				return true
			}
		case "number":
			if f, ok := numberOf(v); ok && isFinite(f) {
				return true
			}
		case "boolean":
			if _, ok := v.(bool); ok {
				return true
			}
		case "object":
			if _, ok := v.(*Object); ok {
				return true
			}
		case "array":
			if _, ok := v.([]any); ok {
				return true
			}
		}
	}
	return false
}

func (n *snode) writeString(dst []byte, v any) ([]byte, error) {
	switch n.format {
	case "date-time", "date", "time":
		switch x := v.(type) {
		case nil:
			return append(dst, `""`...), nil
		case time.Time:
			return appendFormattedTime(dst, x, n.format), nil
		case string:
			return appendQuoted(dst, x), nil
		}
		return dst, serr(`The value "` + jsString(v) + `" cannot be converted to a ` + n.format + `.`)
	case "unsafe":
		dst = append(dst, '"')
		dst = append(dst, jsString(v)...)
		return append(dst, '"'), nil
	}
	switch x := v.(type) {
	case string:
		return appendQuoted(dst, x), nil
	case nil:
		return append(dst, `""`...), nil
	case time.Time:
		return appendISOTimeQuoted(dst, x), nil
	}
	return appendQuoted(dst, jsString(v)), nil
}

// appendFormattedTime is asDateTime/asDate/asTime for a Date. date and time
// use the time's own location (fast-json-stringify uses the process's local
// zone).
func appendFormattedTime(dst []byte, t time.Time, format string) []byte {
	dst = append(dst, '"')
	switch format {
	case "date-time":
		dst = appendISOTime(dst, t)
	case "date":
		y := t.Year()
		if y >= 0 && y <= 9999 {
			dst = appendPad(dst, y, 4)
			dst = append(dst, '-')
			dst = appendPad(dst, int(t.Month()), 2)
			dst = append(dst, '-')
			dst = appendPad(dst, t.Day(), 2)
		} else {
			_, off := t.Zone()
			iso := appendISOTime(nil, t.UTC().Add(time.Duration(off)*time.Second))
			dst = append(dst, iso[:10]...)
		}
	case "time":
		dst = appendPad(dst, t.Hour(), 2)
		dst = append(dst, ':')
		dst = appendPad(dst, t.Minute(), 2)
		dst = append(dst, ':')
		dst = appendPad(dst, t.Second(), 2)
	}
	return append(dst, '"')
}

func (n *snode) writeObject(w *swriter, dst []byte, v any) ([]byte, error) {
	if v == nil {
		if n.nullable {
			return append(dst, "null"...), nil
		}
		return append(dst, "{}"...), nil
	}
	o, _ := v.(*Object)
	for _, r := range n.reqExtra {
		if _, ok := o.Get(r); !ok {
			return dst, serr(string(AppendJSON(nil, r)) + " is required!")
		}
	}
	first := true
	sep := func() {
		if first {
			dst = append(dst, '{')
			first = false
		} else {
			dst = append(dst, ',')
		}
	}
	var err error
	for i := range n.props {
		p := &n.props[i]
		val, ok := o.Get(p.key)
		if ok {
			sep()
			dst = append(dst, p.prefix...)
			if dst, err = w.write(p.n, dst, val); err != nil {
				return dst, err
			}
			continue
		}
		if p.def != nil {
			sep()
			dst = append(dst, p.prefix...)
			dst = append(dst, p.def...)
			continue
		}
		if p.required {
			return dst, serr(string(AppendJSON(nil, p.key)) + " is required!")
		}
	}
	if n.extras && o != nil {
	members:
		for _, m := range o.Members {
			for i := range n.props {
				if n.props[i].key == m.Key {
					continue members
				}
			}
			for _, pp := range n.pats {
				if ok, _ := pp.re.MatchString(m.Key); ok {
					sep()
					dst = appendQuoted(dst, m.Key)
					dst = append(dst, ':')
					if dst, err = w.write(pp.n, dst, m.Value); err != nil {
						return dst, err
					}
					continue members
				}
			}
			switch n.addMode {
			case 1:
				sep()
				dst = appendQuoted(dst, m.Key)
				dst = append(dst, ':')
				dst = AppendJSON(dst, m.Value)
			case 2:
				sep()
				dst = appendQuoted(dst, m.Key)
				dst = append(dst, ':')
				if dst, err = w.write(n.add, dst, m.Value); err != nil {
					return dst, err
				}
			}
		}
	}
	if first {
		return append(dst, "{}"...), nil
	}
	return append(dst, '}'), nil
}

func (n *snode) writeArray(w *swriter, dst []byte, v any) ([]byte, error) {
	if v == nil {
		if n.nullable {
			return append(dst, "null"...), nil
		}
		return append(dst, "[]"...), nil
	}
	arr, ok := v.([]any)
	if !ok {
		return dst, mismatch(n.ref)
	}
	var err error
	if n.isTuple {
		if !n.addItems && len(arr) > len(n.tuple) {
			return dst, serr("Item at " + itoa(len(n.tuple)) + " does not match schema definition.")
		}
		dst = append(dst, '[')
		for i, sub := range n.tuple {
			if i >= len(arr) {
				break
			}
			if !tupleMatches(n.tupleCond[i], arr[i]) {
				return dst, serr("Item at " + itoa(i) + " does not match schema definition.")
			}
			if i > 0 {
				dst = append(dst, ',')
			}
			if dst, err = w.write(sub, dst, arr[i]); err != nil {
				return dst, err
			}
		}
		if n.addItems {
			for i := len(n.tuple); i < len(arr); i++ {
				if i > 0 {
					dst = append(dst, ',')
				}
				dst = AppendJSON(dst, arr[i])
			}
		}
		return append(dst, ']'), nil
	}
	dst = append(dst, '[')
	for i, e := range arr {
		if i > 0 {
			dst = append(dst, ',')
		}
		if dst, err = w.write(n.items, dst, e); err != nil {
			return dst, err
		}
	}
	return append(dst, ']'), nil
}

// jsNumber is Number(v).
func jsNumber(v any) float64 {
	switch x := v.(type) {
	case nil:
		return 0
	case bool:
		if x {
			return 1
		}
		return 0
	case string:
		return jsToNumber(x)
	case []any:
		return jsToNumber(jsString(x))
	case time.Time:
		return float64(x.UnixMilli())
	case *Object:
		return math.NaN()
	}
	if f, ok := numberOf(v); ok {
		return f
	}
	return math.NaN()
}

// jsString is String(v).
func jsString(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		if x {
			return "true"
		}
		return "false"
	case string:
		return x
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			if e != nil {
				parts[i] = jsString(e)
			}
		}
		return strings.Join(parts, ",")
	case *Object:
		if x.Text != nil {
			return *x.Text
		}
		return "[object Object]"
	case time.Time:
		return x.Format("Mon Jan 02 2006 15:04:05 GMT-0700")
	}
	if f, ok := numberOf(v); ok {
		return FormatNumber(f)
	}
	return ""
}

func jsTruthy(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case bool:
		return x
	case string:
		return x != ""
	}
	if f, ok := numberOf(v); ok {
		return f != 0 && !math.IsNaN(f)
	}
	return true
}
