package fastify

import (
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Validator validates data against one compiled schema with the semantics
// of Ajv 8 as Fastify 5 configures it. It is immutable and safe for
// concurrent use.
type Validator struct {
	root  *node
	plain bool // fast-json-stringify's Ajv: no coercion, defaults or removal; Dates count as strings
}

// CompileValidator compiles a JSON Schema (the bytes of
// JSON.stringify(schema)); key order is preserved and decides which error
// Ajv reports first. A schema Ajv would refuse (unknown keyword in strict
// mode, unknown format, unresolvable $ref, malformed keyword values) gives a
// *SchemaError.
func CompileValidator(schemaJSON []byte) (*Validator, error) {
	s, err := ParseJSON(schemaJSON)
	if err != nil {
		return nil, &SchemaError{Msg: "schema is not valid JSON: " + err.Error()}
	}
	c := newCompiler(s)
	n, err := c.compile(s, "#", false)
	if err != nil {
		return nil, err
	}
	return &Validator{root: n}, nil
}

// ValidationError is one entry of Ajv's errors array. The one Validate
// returns is the first entry; Errors holds the whole array (including the
// first entry) as Fastify puts it on error.validation.
type ValidationError struct {
	Keyword      string
	InstancePath string
	SchemaPath   string
	Message      string
	Params       *Object
	// PropertyName is set on errors raised while validating a property
	// name (propertyNames).
	PropertyName    string
	hasPropertyName bool
	// Errors is the full error list (only on the error Validate returns).
	Errors []ValidationError
	// Internal marks a failure that is not a validation result: the data
	// nests deeper than MaxValidationDepth through a recursive schema, where
	// Ajv overflows the JavaScript stack and Fastify answers 500 with
	// Message "Maximum call stack size exceeded".
	Internal bool
}

// MaxValidationDepth bounds how deep Validate follows data through a
// recursive schema.
const MaxValidationDepth = 2000

const msgStackExceeded = "Maximum call stack size exceeded"

func (e *ValidationError) Error() string { return e.FastifyMessage("data") }

// FastifyMessage renders Fastify's default schemaErrorFormatter text for
// the whole error list: dataVar + instancePath + " " + message, joined by
// ", " (dataVar is "body", "querystring", "params" or "headers").
func (e *ValidationError) FastifyMessage(dataVar string) string {
	list := e.Errors
	if len(list) == 0 {
		list = []ValidationError{*e}
	}
	var b strings.Builder
	for i := range list {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(dataVar)
		b.WriteString(list[i].InstancePath)
		b.WriteByte(' ')
		b.WriteString(list[i].Message)
	}
	return b.String()
}

// AjvErrors returns Ajv's errors array as JSON values (objects with
// instancePath, schemaPath, keyword, params, message and, for property-name
// errors, propertyName), in Ajv's key order.
func (e *ValidationError) AjvErrors() []any {
	list := e.Errors
	if len(list) == 0 {
		list = []ValidationError{*e}
	}
	out := make([]any, len(list))
	for i, x := range list {
		o := NewObject(6)
		o.Set("instancePath", x.InstancePath)
		o.Set("schemaPath", x.SchemaPath)
		o.Set("keyword", x.Keyword)
		params := x.Params
		if params == nil {
			params = &Object{}
		}
		o.Set("params", params)
		o.Set("message", x.Message)
		if x.hasPropertyName {
			o.Set("propertyName", x.PropertyName)
		}
		out[i] = o
	}
	return out
}

// Validate checks data (nil, bool, float64, string, []any, *Object),
// applying Ajv's in-place changes: type coercion (coerceTypes "array"),
// property and tuple defaults, and removal of properties that
// additionalProperties: false forbids. It returns the possibly replaced root
// (coercion can replace it, as Fastify lets Ajv do through parentData) and,
// when invalid, the first error with the whole list in Errors.
func (v *Validator) Validate(data any) (any, *ValidationError) {
	s := vstate{plain: v.plain}
	root := data
	ok := s.validate(v.root, &root, vctx{})
	if s.tooDeep {
		return root, &ValidationError{Message: msgStackExceeded, Internal: true}
	}
	if ok {
		return root, nil
	}
	if len(s.errs) == 0 {
		// cannot happen: every failure reports an error
		return root, &ValidationError{Keyword: "false schema", Message: "boolean schema is false", SchemaPath: "#", Params: &Object{}}
	}
	first := s.errs[0]
	first.Errors = s.errs
	return root, &first
}

type pathSeg struct {
	key string
	idx int // >= 0: array index
}

type vstate struct {
	errs     []ValidationError
	segs     []pathSeg
	returned bool // a non-composite error ended the current function
	plain    bool
	depth    int
	tooDeep  bool
}

type vctx struct {
	composite bool // Ajv compositeRule
	noErr     bool // createErrors: false
	base      int  // start of the current function's errors
	propName  *string
}

func (s *vstate) instancePath() string {
	if len(s.segs) == 0 {
		return ""
	}
	var b strings.Builder
	for _, sg := range s.segs {
		b.WriteByte('/')
		if sg.idx >= 0 {
			b.WriteString(strconv.Itoa(sg.idx))
		} else {
			b.WriteString(escapeJSONPointer(sg.key))
		}
	}
	return b.String()
}

// report records an error. override is Ajv's error(true): always appended;
// otherwise, outside composite rules, the error replaces the function's
// list and ends it (returnErrors).
func (s *vstate) report(c vctx, n *node, keyword, message string, params *Object, override bool) {
	if c.noErr {
		return
	}
	e := ValidationError{
		Keyword:      keyword,
		InstancePath: s.instancePath(),
		SchemaPath:   n.path + "/" + keyword,
		Message:      message,
		Params:       params,
	}
	if c.propName != nil {
		e.PropertyName, e.hasPropertyName = *c.propName, true
	}
	if !c.composite {
		// outside composite rules Ajv returns at once: with [error], or
		// with the accumulated list for error(true) (reportExtraError)
		if !override {
			s.errs = s.errs[:c.base]
		}
		s.errs = append(s.errs, e)
		s.returned = true
		return
	}
	s.errs = append(s.errs, e)
}

func params1(k string, v any) *Object {
	return &Object{Members: []Member{{Key: k, Value: v}}}
}

func isFinite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }

// hasType is Ajv's checkDataType with strictNumbers.
func hasType(t jtype, v any) bool {
	return hasTypeOpt(t, v, false)
}

// hasTypeOpt: with dates, a time.Time passes "string" (fast-json-stringify
// adds "object" and a toJSON check to string types) and "object".
func hasTypeOpt(t jtype, v any, dates bool) bool {
	if dates {
		if _, ok := v.(time.Time); ok {
			return t == tString || t == tObject
		}
	}
	switch t {
	case tNull:
		return v == nil
	case tBoolean:
		_, ok := v.(bool)
		return ok
	case tNumber:
		f, ok := numberOf(v)
		return ok && isFinite(f)
	case tInteger:
		f, ok := numberOf(v)
		return ok && isFinite(f) && f == math.Trunc(f)
	case tString:
		_, ok := v.(string)
		return ok
	case tArray:
		_, ok := v.([]any)
		return ok
	case tObject:
		o, ok := v.(*Object)
		return ok && o != nil
	}
	return false
}

func hasAnyType(ts []jtype, v any) bool {
	for _, t := range ts {
		if hasType(t, v) {
			return true
		}
	}
	return false
}

func hasAnyTypeOpt(ts []jtype, v any, dates bool) bool {
	for _, t := range ts {
		if hasTypeOpt(t, v, dates) {
			return true
		}
	}
	return false
}

func (s *vstate) typeError(n *node, c vctx) {
	if c.noErr {
		s.report(c, n, "type", "", nil, false)
		return
	}
	s.report(c, n, "type", "must be "+n.typeMsg, params1("type", n.typeParam), false)
}

// coerceValue is one branch of Ajv's coerceSpecificType.
func coerceValue(t jtype, d any) (any, bool) {
	switch t {
	case tString:
		switch x := d.(type) {
		case float64:
			return FormatNumber(x), true
		case bool:
			if x {
				return "true", true
			}
			return "false", true
		case nil:
			return "", true
		}
	case tNumber, tInteger:
		switch x := d.(type) {
		case bool:
			if x {
				return 1.0, true
			}
			return 0.0, true
		case nil:
			return 0.0, true
		case string:
			if x == "" {
				return nil, false
			}
			f := jsToNumber(x)
			if math.IsNaN(f) {
				return nil, false
			}
			if t == tInteger && !math.IsInf(f, 0) && f != math.Trunc(f) {
				return nil, false
			}
			return f, true
		}
	case tBoolean:
		switch x := d.(type) {
		case string:
			if x == "false" {
				return false, true
			}
			if x == "true" {
				return true, true
			}
		case float64:
			if x == 0 {
				return false, true
			}
			if x == 1 {
				return true, true
			}
		case nil:
			return false, true
		}
	case tNull:
		switch x := d.(type) {
		case string:
			if x == "" {
				return nil, true
			}
		case float64:
			if x == 0 {
				return nil, true
			}
		case bool:
			if !x {
				return nil, true
			}
		}
	case tArray:
		switch d.(type) {
		case string, float64, bool, nil:
			return []any{d}, true
		}
	}
	return nil, false
}

func (s *vstate) coerce(n *node, slot *any, c vctx) bool {
	d := *slot
	if f, ok := d.(int); ok {
		d = float64(f)
	} else if f, ok := d.(int64); ok {
		d = float64(f)
	}
	if arr, ok := d.([]any); ok && len(arr) == 1 {
		d = arr[0]
		if hasAnyType(n.types, d) {
			*slot = d
			return true
		}
	}
	for _, t := range n.coerceTo {
		if v, ok := coerceValue(t, d); ok {
			*slot = v
			return true
		}
	}
	s.typeError(n, c)
	return false
}

// validate applies schema n to *slot; the slot may be rewritten.
func (s *vstate) validate(n *node, slot *any, c vctx) bool {
	if n.always == 1 {
		return true
	}
	if s.tooDeep {
		return false
	}
	s.depth++
	defer func() { s.depth-- }()
	if s.depth > MaxValidationDepth {
		s.tooDeep = true
		return false
	}
	if n.always == -1 {
		s.report(c, n, "false schema", "boolean schema is false", &Object{}, false)
		return false
	}
	if n.checkTypes && !hasAnyTypeOpt(n.types, *slot, s.plain) {
		if len(n.coerceTo) == 0 {
			s.typeError(n, c)
			return false
		}
		if !s.coerce(n, slot, c) {
			return false
		}
	}
	if n.hasRule[gUntyped] && !s.untyped(n, slot, c) {
		return false
	}
	// Typed groups run when the data has the group's type; a schema whose
	// single type was not checked up front (it has rules for that type and
	// no coercion applies) reports the type error in the group's else.
	single := jtype(255)
	if !n.checkTypes && len(n.types) == 1 {
		single = n.types[0]
	}
	if n.hasRule[gNumber] {
		if f, ok := numberOf(*slot); ok && isFinite(f) {
			if !s.numberGroup(n, f, c) {
				return false
			}
		} else if single == tNumber {
			s.typeError(n, c)
			return false
		}
	}
	if n.hasRule[gString] {
		if str, ok := (*slot).(string); ok {
			if !s.stringGroup(n, str, c) {
				return false
			}
		} else if single == tString && !hasTypeOpt(tString, *slot, s.plain) {
			s.typeError(n, c)
			return false
		}
	}
	if n.hasRule[gArray] {
		if _, ok := (*slot).([]any); ok {
			if !s.arrayGroup(n, slot, c) {
				return false
			}
		} else if single == tArray {
			s.typeError(n, c)
			return false
		}
	}
	if n.hasRule[gObject] {
		if _, isDate := (*slot).(time.Time); isDate && s.plain {
			// a Date is an object without own properties
			if !s.objectGroup(n, slot, &Object{}, c) {
				return false
			}
		} else if o, ok := (*slot).(*Object); ok && o != nil {
			if !s.objectGroup(n, slot, o, c) {
				return false
			}
		} else if single == tObject {
			s.typeError(n, c)
			return false
		}
	}
	return true
}

func (s *vstate) untyped(n *node, slot *any, c vctx) bool {
	if n.ref != nil {
		if n.ref.called {
			cc := vctx{composite: false, noErr: c.noErr, base: len(s.errs), propName: c.propName}
			ok := s.validate(n.ref.n, slot, cc)
			s.returned = false
			if !ok {
				return false
			}
		} else if !s.validate(n.ref.n, slot, c) {
			return false
		}
	}
	if n.hasConst && !deepEqual(*slot, n.constV) {
		var p *Object
		if !c.noErr {
			p = params1("allowedValue", n.constV)
		}
		s.report(c, n, "const", "must be equal to constant", p, false)
		return false
	}
	if n.hasEnum {
		found := false
		for _, e := range n.enum {
			if deepEqual(*slot, e) {
				found = true
				break
			}
		}
		if !found {
			var p *Object
			if !c.noErr {
				p = params1("allowedValues", n.enum)
			}
			s.report(c, n, "enum", "must be equal to one of the allowed values", p, false)
			return false
		}
	}
	if n.not != nil {
		start := len(s.errs)
		inner := n.not.valid || s.validate(n.not, slot, vctx{composite: true, noErr: true, base: c.base, propName: c.propName})
		s.errs = s.errs[:start]
		if inner {
			s.report(c, n, "not", "must NOT be valid", &Object{}, false)
			return false
		}
	}
	if n.anyOf != nil && !anyAlwaysValid(n.anyOf) {
		start := len(s.errs)
		cc := c
		cc.composite = true
		ok := false
		for _, b := range n.anyOf {
			if s.validate(b, slot, cc) {
				ok = true
				break
			}
		}
		if ok {
			s.errs = s.errs[:start]
		} else {
			s.report(c, n, "anyOf", "must match a schema in anyOf", &Object{}, true)
			return false
		}
	}
	if n.oneOf != nil {
		start := len(s.errs)
		cc := c
		cc.composite = true
		valid := false
		var passing any
		for i, b := range n.oneOf {
			sv := b.valid || s.validate(b, slot, cc)
			if i > 0 && sv && valid {
				// Ajv nests the remaining options in the else branch:
				// they are not evaluated once two options pass.
				valid = false
				passing = []any{passing, float64(i)}
				break
			} else if sv {
				valid = true
				passing = float64(i)
			}
		}
		if valid {
			s.errs = s.errs[:start]
		} else {
			var p *Object
			if !c.noErr {
				p = params1("passingSchemas", passing)
			}
			s.report(c, n, "oneOf", "must match exactly one schema in oneOf", p, true)
			return false
		}
	}
	for _, b := range n.allOf {
		if !b.valid && !s.validate(b, slot, c) {
			return false
		}
	}
	if n.ifN != nil && (n.hasThen || n.hasElse) {
		start := len(s.errs)
		ifValid := n.ifN.valid || s.validate(n.ifN, slot, vctx{composite: true, noErr: true, base: c.base, propName: c.propName})
		s.errs = s.errs[:start]
		var clause *node
		var name string
		if ifValid && n.hasThen {
			clause, name = n.thenN, "then"
		} else if !ifValid && n.hasElse {
			clause, name = n.elseN, "else"
		}
		if clause != nil && !s.validate(clause, slot, c) {
			if !s.returned {
				var p *Object
				if !c.noErr {
					p = params1("failingKeyword", name)
				}
				s.report(c, n, "if", `must match "`+name+`" schema`, p, true)
			}
			return false
		}
	}
	return true
}

func anyAlwaysValid(list []*node) bool {
	for _, b := range list {
		if b.valid {
			return true
		}
	}
	return false
}

func limitParams(comparison string, limit float64) *Object {
	return &Object{Members: []Member{{Key: "comparison", Value: comparison}, {Key: "limit", Value: limit}}}
}

func (s *vstate) numberGroup(n *node, f float64, c vctx) bool {
	if n.maximum != nil && !(f <= *n.maximum) {
		s.report(c, n, "maximum", "must be <= "+FormatNumber(*n.maximum), limitParams("<=", *n.maximum), false)
		return false
	}
	if n.minimum != nil && !(f >= *n.minimum) {
		s.report(c, n, "minimum", "must be >= "+FormatNumber(*n.minimum), limitParams(">=", *n.minimum), false)
		return false
	}
	if n.exMax != nil && !(f < *n.exMax) {
		s.report(c, n, "exclusiveMaximum", "must be < "+FormatNumber(*n.exMax), limitParams("<", *n.exMax), false)
		return false
	}
	if n.exMin != nil && !(f > *n.exMin) {
		s.report(c, n, "exclusiveMinimum", "must be > "+FormatNumber(*n.exMin), limitParams(">", *n.exMin), false)
		return false
	}
	if n.multipleOf != nil {
		m := *n.multipleOf
		res := f / m
		if m == 0 || res != jsParseIntOfNumber(res) {
			s.report(c, n, "multipleOf", "must be multiple of "+FormatNumber(m), params1("multipleOf", m), false)
			return false
		}
	}
	if n.format != nil && n.format.number && !n.format.num(f) {
		s.report(c, n, "format", `must match format "`+n.formatName+`"`, params1("format", n.formatName), false)
		return false
	}
	return true
}

// ucs2length counts code points (a lone surrogate counts one), as Ajv does.
func ucs2length(s string) int {
	return utf8.RuneCountInString(s) - wtf8Extra(s)
}

// wtf8Extra corrects RuneCountInString for WTF-8 surrogates (3 bytes that
// RuneCount sees as 3 invalid runes but are one code unit).
func wtf8Extra(s string) int {
	extra := 0
	for i := 0; i+2 < len(s); i++ {
		if s[i] == 0xED && s[i+1] >= 0xA0 {
			if _, ok := surrogateAt(s, i); ok {
				extra += 2
				i += 2
			}
		}
	}
	return extra
}

func (s *vstate) stringGroup(n *node, str string, c vctx) bool {
	if n.maxLen >= 0 || n.minLen >= 0 {
		l := ucs2length(str)
		if n.maxLen >= 0 && l > n.maxLen {
			s.report(c, n, "maxLength", "must NOT have more than "+strconv.Itoa(n.maxLen)+" characters", params1("limit", float64(n.maxLen)), false)
			return false
		}
		if n.minLen >= 0 && l < n.minLen {
			s.report(c, n, "minLength", "must NOT have fewer than "+strconv.Itoa(n.minLen)+" characters", params1("limit", float64(n.minLen)), false)
			return false
		}
	}
	if n.pattern != nil {
		ok, err := n.pattern.MatchString(str)
		if err != nil || !ok {
			s.report(c, n, "pattern", `must match pattern "`+n.patternSrc+`"`, params1("pattern", n.patternSrc), false)
			return false
		}
	}
	if n.format != nil && !n.format.number && !n.format.str(str) {
		s.report(c, n, "format", `must match format "`+n.formatName+`"`, params1("format", n.formatName), false)
		return false
	}
	return true
}

func (s *vstate) push(key string) { s.segs = append(s.segs, pathSeg{key: key, idx: -1}) }
func (s *vstate) pushIdx(i int)   { s.segs = append(s.segs, pathSeg{idx: i}) }
func (s *vstate) pop()            { s.segs = s.segs[:len(s.segs)-1] }

func (s *vstate) arrayGroup(n *node, slot *any, c vctx) bool {
	if len(n.itemDefaults) > 0 && !c.composite && !s.plain {
		arr := (*slot).([]any)
		for _, d := range n.itemDefaults {
			if d.i >= len(arr) {
				for len(arr) <= d.i {
					arr = append(arr, nil)
				}
				arr[d.i] = deepCopy(d.v)
			}
		}
		*slot = arr
	}
	arr := (*slot).([]any)
	if n.maxItems >= 0 && len(arr) > n.maxItems {
		s.report(c, n, "maxItems", "must NOT have more than "+strconv.Itoa(n.maxItems)+" items", params1("limit", float64(n.maxItems)), false)
		return false
	}
	if n.minItems >= 0 && len(arr) < n.minItems {
		s.report(c, n, "minItems", "must NOT have fewer than "+strconv.Itoa(n.minItems)+" items", params1("limit", float64(n.minItems)), false)
		return false
	}
	if n.hasAddItems {
		limit := len(n.itemsList)
		if n.addItems.always == -1 {
			if len(arr) > limit {
				s.report(c, n, "additionalItems", "must NOT have more than "+strconv.Itoa(limit)+" items", params1("limit", float64(limit)), false)
				return false
			}
		} else if !n.addItems.valid {
			for i := limit; i < len(arr); i++ {
				s.pushIdx(i)
				ok := s.validate(n.addItems, &arr[i], c)
				s.pop()
				if !ok {
					return false
				}
			}
		}
	}
	if n.itemsIsList {
		for i, sub := range n.itemsList {
			if sub.valid || i >= len(arr) {
				continue
			}
			s.pushIdx(i)
			ok := s.validate(sub, &arr[i], c)
			s.pop()
			if !ok {
				return false
			}
		}
	} else if n.items != nil && !n.items.valid {
		for i := range arr {
			s.pushIdx(i)
			ok := s.validate(n.items, &arr[i], c)
			s.pop()
			if !ok {
				return false
			}
		}
	}
	if n.contains != nil {
		if n.contains.valid {
			if len(arr) < 1 {
				s.report(c, n, "contains", "must contain at least 1 valid item(s)", params1("minContains", 1.0), false)
				return false
			}
		} else {
			start := len(s.errs)
			cc := c
			cc.composite = true
			found := false
			for i := range arr {
				s.pushIdx(i)
				ok := s.validate(n.contains, &arr[i], cc)
				s.pop()
				if ok {
					found = true
					break
				}
			}
			if found {
				s.errs = s.errs[:start]
			} else {
				s.report(c, n, "contains", "must contain at least 1 valid item(s)", params1("minContains", 1.0), false)
				return false
			}
		}
	}
	if n.unique && len(arr) > 1 {
		arr := (*slot).([]any)
		if i, j, dup := findDuplicate(arr, n.uniqueTypes); dup {
			var p *Object
			if !c.noErr {
				p = &Object{Members: []Member{{Key: "i", Value: float64(i)}, {Key: "j", Value: float64(j)}}}
			}
			s.report(c, n, "uniqueItems", "must NOT have duplicate items (items ## "+strconv.Itoa(j)+" and "+strconv.Itoa(i)+" are identical)", p, false)
			return false
		}
	}
	return true
}

// findDuplicate mirrors Ajv's uniqueItems loops and returns its i and j.
func findDuplicate(arr []any, types []jtype) (int, int, bool) {
	canOptimize := len(types) > 0
	for _, t := range types {
		if t == tObject || t == tArray {
			canOptimize = false
		}
	}
	if canOptimize {
		indices := make(map[string]int, len(arr))
		for i := len(arr) - 1; i >= 0; i-- {
			item := arr[i]
			if !hasAnyType(types, item) {
				continue
			}
			var key string
			switch x := item.(type) {
			case string:
				key = x
				if len(types) > 1 {
					key += "_"
				}
			case float64:
				key = FormatNumber(x)
			case bool:
				key = strconv.FormatBool(x)
			case nil:
				key = "null"
			}
			if j, ok := indices[key]; ok {
				return i, j, true
			}
			indices[key] = i
		}
		return 0, 0, false
	}
	for i := len(arr) - 1; i >= 0; i-- {
		for j := i - 1; j >= 0; j-- {
			if deepEqual(arr[i], arr[j]) {
				return i, j, true
			}
		}
	}
	return 0, 0, false
}

// objectProtoKeys are the properties every plain object inherits; Ajv's
// `data[prop] === undefined` test sees them as present.
var objectProtoKeys = map[string]bool{
	"constructor": true, "__defineGetter__": true, "__defineSetter__": true, "hasOwnProperty": true,
	"__lookupGetter__": true, "__lookupSetter__": true, "isPrototypeOf": true, "propertyIsEnumerable": true,
	"toString": true, "valueOf": true, "__proto__": true, "toLocaleString": true,
}

func hasProp(o *Object, key string) bool {
	if _, ok := o.Get(key); ok {
		return true
	}
	return objectProtoKeys[key]
}

func (s *vstate) objectGroup(n *node, slot *any, o *Object, c vctx) bool {
	if len(n.defaults) > 0 && !c.composite && !s.plain {
		for _, p := range n.defaults {
			if _, ok := o.Get(p.key); !ok {
				o.Set(p.key, deepCopy(p.def))
			}
		}
	}
	if n.maxProps >= 0 && o.Len() > n.maxProps {
		s.report(c, n, "maxProperties", "must NOT have more than "+strconv.Itoa(n.maxProps)+" properties", params1("limit", float64(n.maxProps)), false)
		return false
	}
	if n.minProps >= 0 && o.Len() < n.minProps {
		s.report(c, n, "minProperties", "must NOT have fewer than "+strconv.Itoa(n.minProps)+" properties", params1("limit", float64(n.minProps)), false)
		return false
	}
	for _, r := range n.required {
		if !hasProp(o, r) {
			var p *Object
			if !c.noErr {
				p = params1("missingProperty", r)
			}
			s.report(c, n, "required", "must have required property '"+r+"'", p, false)
			return false
		}
	}
	if n.propertyNames != nil && !n.propertyNames.valid {
		cc := c
		cc.composite = true
		for i := 0; i < len(o.Members); i++ {
			key := o.Members[i].Key
			var kv any = key
			cc.propName = &key
			if !s.validate(n.propertyNames, &kv, cc) {
				var p *Object
				if !c.noErr {
					p = params1("propertyName", key)
				}
				s.report(c, n, "propertyNames", "property name must be valid", p, true)
				return false
			}
		}
	}
	if n.hasAddProps && !n.addProps.valid {
		var keys []string
		for _, m := range o.Members {
			if !n.isDeclared(m.Key) {
				keys = append(keys, m.Key)
			}
		}
		for _, k := range keys {
			if n.addProps.always == -1 {
				if s.plain {
					var p *Object
					if !c.noErr {
						p = params1("additionalProperty", k)
					}
					s.report(c, n, "additionalProperties", "must NOT have additional properties", p, false)
					return false
				}
				o.Delete(k)
				continue
			}
			i := o.find(k)
			if i < 0 {
				continue
			}
			s.push(k)
			ok := s.validate(n.addProps, &o.Members[i].Value, c)
			s.pop()
			if !ok {
				return false
			}
		}
	}
	for _, d := range n.deps {
		if !hasProp(o, d.prop) {
			continue
		}
		if d.n == nil {
			for _, name := range d.names {
				if !hasProp(o, name) {
					var p *Object
					word := "property"
					if len(d.names) != 1 {
						word = "properties"
					}
					deps := strings.Join(d.names, ", ")
					if !c.noErr {
						p = &Object{Members: []Member{
							{Key: "property", Value: d.prop},
							{Key: "missingProperty", Value: name},
							{Key: "depsCount", Value: float64(len(d.names))},
							{Key: "deps", Value: deps},
						}}
					}
					s.report(c, n, "dependencies", "must have "+word+" "+deps+" when property "+d.prop+" is present", p, false)
					return false
				}
			}
			continue
		}
		if !s.validate(d.n, slot, c) {
			return false
		}
	}
	for _, p := range n.props {
		if p.n.valid {
			continue
		}
		i := o.find(p.key)
		if i < 0 {
			continue
		}
		s.push(p.key)
		ok := s.validate(p.n, &o.Members[i].Value, c)
		s.pop()
		if !ok {
			return false
		}
	}
	for _, pp := range n.patProps {
		if pp.n == nil {
			continue
		}
		for i := 0; i < len(o.Members); i++ {
			key := o.Members[i].Key
			if m, _ := pp.re.MatchString(key); !m {
				continue
			}
			s.push(key)
			ok := s.validate(pp.n, &o.Members[i].Value, c)
			s.pop()
			if !ok {
				return false
			}
		}
	}
	return true
}

// isDeclared reports whether key is named in properties or matched by a
// patternProperties pattern (i.e. not "additional").
func (n *node) isDeclared(key string) bool {
	if n.propNames[key] {
		return true
	}
	for _, pp := range n.patProps {
		if m, _ := pp.re.MatchString(key); m {
			return true
		}
	}
	return false
}

// deepEqual is fast-deep-equal on the JSON model.
func deepEqual(a, b any) bool {
	switch x := a.(type) {
	case nil:
		return b == nil
	case bool:
		y, ok := b.(bool)
		return ok && x == y
	case string:
		y, ok := b.(string)
		return ok && x == y
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !deepEqual(x[i], y[i]) {
				return false
			}
		}
		return true
	case *Object:
		y, ok := b.(*Object)
		if !ok || x.Len() != y.Len() {
			return false
		}
		for _, m := range x.Members {
			v, ok := y.Get(m.Key)
			if !ok || !deepEqual(m.Value, v) {
				return false
			}
		}
		return true
	}
	if f, ok := numberOf(a); ok {
		g, ok := numberOf(b)
		return ok && (f == g || (f != f && g != g))
	}
	return false
}

// AcceptsAll reports whether the schema is {} or true: every value is valid
// and nothing is coerced, defaulted or removed, so validating can be
// skipped.
func (v *Validator) AcceptsAll() bool { return v != nil && v.root != nil && v.root.always == 1 }
