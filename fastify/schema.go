package fastify

import (
	"errors"
	"fmt"
	"math"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/dlclark/regexp2/v2"
)

// regexTimeout bounds one `pattern`/`patternProperties` match (ECMAScript
// regexes backtrack).
const regexTimeout = 100 * time.Millisecond

type jtype uint8

const (
	tNull jtype = iota
	tBoolean
	tNumber
	tInteger
	tString
	tArray
	tObject
)

var typeNames = [...]string{"null", "boolean", "number", "integer", "string", "array", "object"}

func parseType(s string) (jtype, bool) {
	for i, n := range typeNames {
		if n == s {
			return jtype(i), true
		}
	}
	return 0, false
}

type prop struct {
	key    string
	keyEsc string // escaped for schema paths
	n      *node
	def    any
	hasDef bool
}

type patProp struct {
	src string
	re  *regexp2.Regexp
	n   *node // nil when always valid
}

type dep struct {
	prop  string
	names []string // property dependency
	n     *node    // schema dependency
}

// node is one compiled (sub)schema in one compile context: the same JSON
// schema reached through an inlined $ref is compiled again with the
// schema path Ajv reports for it.
type node struct {
	path   string // Ajv errSchemaPath of this schema
	always int8   // +1 schema true/{} ; -1 schema false
	valid  bool   // alwaysValidSchema

	types      []jtype
	typeParam  any // schema.type as written (string or []any)
	typeMsg    string
	checkTypes bool
	coerceTo   []jtype

	ref     *refTarget
	hasRule [5]bool // groups: untyped, number, string, array, object

	constV   any
	hasConst bool
	enum     []any
	hasEnum  bool

	not               *node
	anyOf, oneOf      []*node
	allOf             []*node
	ifN, thenN, elseN *node
	hasThen, hasElse  bool

	maximum, minimum, exMax, exMin, multipleOf *float64

	maxLen, minLen int
	pattern        *regexp2.Regexp
	patternSrc     string
	format         *formatDef
	formatName     string

	maxItems, minItems int
	unique             bool
	uniqueTypes        []jtype
	items              *node
	itemsList          []*node
	itemsIsList        bool
	addItems           *node
	hasAddItems        bool
	contains           *node

	maxProps, minProps int
	required           []string
	propertyNames      *node
	addProps           *node
	hasAddProps        bool
	deps               []dep
	props              []prop
	propNames          map[string]bool
	patProps           []patProp
	defaults           []prop        // properties with a default (object group)
	itemDefaults       []itemDefault // items[i].default (array group)
}

type itemDefault struct {
	i int
	v any
}

type refTarget struct {
	n      *node // compiled target
	called bool  // Ajv calls it as a function (target contains $ref)
}

const (
	gUntyped = iota
	gNumber
	gString
	gArray
	gObject
)

// known keywords of Ajv's draft-07 vocabularies as Fastify loads them, and
// whether they count as rules (alwaysValidSchema).
var keywordIsRule = map[string]bool{
	"$schema": false, "$id": false, "$defs": false, "$vocabulary": false, "definitions": false,
	"$comment": true, "id": true, "$ref": true,
	"maximum": true, "minimum": true, "exclusiveMaximum": true, "exclusiveMinimum": true, "multipleOf": true,
	"maxLength": true, "minLength": true, "pattern": true,
	"maxProperties": true, "minProperties": true, "required": true,
	"maxItems": true, "minItems": true, "uniqueItems": true,
	"type": true, "nullable": true, "const": true, "enum": true,
	"not": true, "anyOf": true, "oneOf": true, "allOf": true, "if": true, "then": true, "else": true,
	"propertyNames": true, "additionalProperties": true, "dependencies": true, "properties": true, "patternProperties": true,
	"additionalItems": true, "items": true, "contains": true,
	"format": true,
	"title":  false, "description": false, "default": false, "deprecated": false, "readOnly": false, "writeOnly": false, "examples": false,
	"contentMediaType": true, "contentEncoding": true, "contentSchema": true,
	"$async":        false,
	"formatMaximum": true, "formatMinimum": true, "formatExclusiveMaximum": true, "formatExclusiveMinimum": true,
}

// SchemaError reports a schema that Fastify (Ajv) would refuse to compile.
type SchemaError struct {
	Path string // JSON pointer of the offending schema ("#/properties/a")
	Msg  string
}

func (e *SchemaError) Error() string {
	if e.Path == "" || e.Path == "#" {
		return "invalid schema: " + e.Msg
	}
	return "invalid schema at " + e.Path + ": " + e.Msg
}

type compiler struct {
	root      any
	called    map[*Object]*node // called refs by target
	ids       map[string]any    // $id (absolute or anchor) → schema
	baseOf    map[*Object]string
	plain     bool // Ajv with default options and strict mode off (fast-json-stringify's)
	inlineDep int
}

func newCompiler(root any) *compiler {
	c := &compiler{root: root, called: map[*Object]*node{}, ids: map[string]any{}, baseOf: map[*Object]string{}}
	c.collectIDs(root, "")
	return c
}

// collectIDs records every $id in the document (resolved against its base)
// so that $ref can reach them.
func (c *compiler) collectIDs(v any, base string) {
	switch x := v.(type) {
	case *Object:
		if id, ok := x.Get("$id"); ok {
			if s, ok := id.(string); ok {
				base = resolveURI(base, s)
				c.ids[base] = x
			}
		}
		c.baseOf[x] = base
		for _, m := range x.Members {
			switch m.Key {
			case "enum", "const", "default", "examples":
				continue
			}
			c.collectIDs(m.Value, base)
		}
	case []any:
		for _, e := range x {
			c.collectIDs(e, base)
		}
	}
}

func resolveURI(base, ref string) string {
	if base == "" {
		return ref
	}
	if strings.HasPrefix(ref, "#") {
		doc, _, _ := strings.Cut(base, "#")
		return doc + ref
	}
	r, err := url.Parse(ref)
	if err != nil || r.Scheme != "" {
		return ref
	}
	b, err := url.Parse(base)
	if err != nil {
		return ref
	}
	if b.Scheme == "" && b.Host == "" {
		// both relative: replace the last path segment of base
		doc, _, _ := strings.Cut(base, "#")
		if strings.HasPrefix(ref, "/") {
			return ref
		}
		if i := strings.LastIndexByte(doc, '/'); i >= 0 {
			return doc[:i+1] + ref
		}
		return ref
	}
	return b.ResolveReference(r).String()
}

func schemaErr(path, format string, args ...any) error {
	return &SchemaError{Path: path, Msg: fmt.Sprintf(format, args...)}
}

// escapeFragment is Ajv's escapeFragment: JSON-pointer escaping, then
// encodeURIComponent.
func escapeFragment(s string) string {
	return encodeURIComponent(escapeJSONPointer(s))
}

func escapeJSONPointer(s string) string {
	if !strings.ContainsAny(s, "~/") {
		return s
	}
	s = strings.ReplaceAll(s, "~", "~0")
	return strings.ReplaceAll(s, "/", "~1")
}

func encodeURIComponent(s string) string {
	const keep = "-_.!~*'()"
	need := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte(keep, c) >= 0) {
			need = true
			break
		}
	}
	if !need {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte(keep, c) >= 0 {
			b.WriteByte(c)
		} else {
			b.WriteByte('%')
			b.WriteByte("0123456789ABCDEF"[c>>4])
			b.WriteByte("0123456789ABCDEF"[c&15])
		}
	}
	return b.String()
}

func numberOf(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case float32:
		return float64(x), true
	}
	return 0, false
}

func nonNegInt(path, kw string, v any) (int, error) {
	f, ok := numberOf(v)
	if !ok || f < 0 || f != math.Trunc(f) {
		return 0, schemaErr(path, "%s must be a non-negative integer", kw)
	}
	if f > math.MaxInt32 {
		return math.MaxInt32, nil
	}
	return int(f), nil
}

func compileRegex(src string) (*regexp2.Regexp, error) {
	re, err := regexp2.Compile(src, regexp2.ECMAScript|regexp2.Unicode)
	if err != nil {
		return nil, err
	}
	re.MatchTimeout = regexTimeout
	return re, nil
}

// hasRef is Ajv's hasRef: any "$ref" key anywhere below (inlineRefs true).
func hasRef(v any) bool {
	switch x := v.(type) {
	case *Object:
		for _, m := range x.Members {
			if m.Key == "$ref" {
				return true
			}
			if hasRef(m.Value) {
				return true
			}
		}
	case []any:
		for _, e := range x {
			if hasRef(e) {
				return true
			}
		}
	}
	return false
}

// compile compiles schema s found at pointer ptr (for messages) whose Ajv
// errSchemaPath is path. composite is Ajv's compositeRule.
func (c *compiler) compile(s any, path string, composite bool) (*node, error) {
	n := &node{path: path, maxLen: -1, minLen: -1, maxItems: -1, minItems: -1, maxProps: -1, minProps: -1}
	switch x := s.(type) {
	case bool:
		if x {
			n.always, n.valid = 1, true
		} else {
			n.always = -1
		}
		return n, nil
	case *Object:
		return n, c.compileObject(n, x, path, composite)
	}
	return nil, schemaErr(path, "schema must be an object or a boolean")
}

func (c *compiler) compileObject(n *node, o *Object, path string, composite bool) error {
	if o.Len() == 0 {
		n.always, n.valid = 1, true
		return nil
	}
	rules := false
	for _, m := range o.Members {
		isRule, known := keywordIsRule[m.Key]
		if !known {
			if c.plain {
				continue
			}
			return &SchemaError{Path: path, Msg: fmt.Sprintf("strict mode: unknown keyword: %q", m.Key)}
		}
		if isRule {
			rules = true
		}
	}
	if !rules {
		n.valid = true
	}
	get := func(k string) (any, bool) { return o.Get(k) }

	// type / nullable
	if t, ok := get("type"); ok {
		switch tv := t.(type) {
		case string:
			jt, ok := parseType(tv)
			if !ok {
				return schemaErr(path, "type %q is not a JSON Schema type", tv)
			}
			n.types = []jtype{jt}
			n.typeMsg = tv
		case []any:
			names := make([]string, 0, len(tv))
			for _, e := range tv {
				es, _ := e.(string)
				jt, ok := parseType(es)
				if !ok {
					return schemaErr(path, "type entries must be JSON Schema type names")
				}
				for _, prev := range n.types {
					if prev == jt {
						return schemaErr(path, "type entries must be unique")
					}
				}
				n.types = append(n.types, jt)
				names = append(names, es)
			}
			n.typeMsg = strings.Join(names, ",")
		default:
			return schemaErr(path, "type must be a string or an array of strings")
		}
		n.typeParam = t
	}
	if nv, ok := get("nullable"); ok {
		b, isBool := nv.(bool)
		if !isBool {
			return schemaErr(path, "nullable must be a boolean")
		}
		hasNull := false
		for _, t := range n.types {
			if t == tNull {
				hasNull = true
			}
		}
		if hasNull {
			if !b {
				return schemaErr(path, "type: null contradicts nullable: false")
			}
		} else {
			if len(n.types) == 0 {
				return schemaErr(path, `"nullable" cannot be used without "type"`)
			}
			if b {
				n.types = append(n.types, tNull)
			}
		}
	}

	// $ref
	if r, ok := get("$ref"); ok {
		rs, isStr := r.(string)
		if !isStr {
			return schemaErr(path, "$ref must be a string")
		}
		t, err := c.compileRef(o, rs, path, composite)
		if err != nil {
			return err
		}
		n.ref = t
		n.hasRule[gUntyped] = true
	}

	if v, ok := get("const"); ok {
		n.constV, n.hasConst = v, true
		prepareShared(v)
		n.hasRule[gUntyped] = true
	}
	if v, ok := get("enum"); ok {
		arr, isArr := v.([]any)
		if !isArr || len(arr) == 0 {
			return schemaErr(path, "enum must be a non-empty array")
		}
		prepareShared(v)
		n.enum, n.hasEnum = arr, true
		n.hasRule[gUntyped] = true
	}
	if v, ok := get("not"); ok {
		sub, err := c.compile(v, path+"/not", true)
		if err != nil {
			return err
		}
		n.not = sub
		n.hasRule[gUntyped] = true
	}
	for _, kw := range []string{"anyOf", "oneOf", "allOf"} {
		v, ok := get(kw)
		if !ok {
			continue
		}
		arr, isArr := v.([]any)
		if !isArr || len(arr) == 0 {
			return schemaErr(path, "%s must be a non-empty array", kw)
		}
		list := make([]*node, len(arr))
		for i, e := range arr {
			sub, err := c.compile(e, path+"/"+kw+"/"+strconv.Itoa(i), composite || kw != "allOf")
			if err != nil {
				return err
			}
			list[i] = sub
		}
		switch kw {
		case "anyOf":
			n.anyOf = list
		case "oneOf":
			n.oneOf = list
		default:
			n.allOf = list
		}
		n.hasRule[gUntyped] = true
	}
	ifV, hasIf := get("if")
	thenV, hasThen := get("then")
	elseV, hasElse := get("else")
	if hasIf && !hasThen && !hasElse && c.plain {
		hasIf = false
	}
	if hasIf {
		if !hasThen && !hasElse {
			return schemaErr(path, `strict mode: "if" without "then" and "else" is ignored`)
		}
		sub, err := c.compile(ifV, path+"/if", true)
		if err != nil {
			return err
		}
		n.ifN = sub
		if hasThen {
			if n.thenN, err = c.compile(thenV, path+"/then", composite); err != nil {
				return err
			}
			n.hasThen = !n.thenN.valid
		}
		if hasElse {
			if n.elseN, err = c.compile(elseV, path+"/else", composite); err != nil {
				return err
			}
			n.hasElse = !n.elseN.valid
		}
		n.hasRule[gUntyped] = true
	} else if hasThen && !c.plain {
		return schemaErr(path, `strict mode: "then" without "if" is ignored`)
	} else if hasElse && !c.plain {
		return schemaErr(path, `strict mode: "else" without "if" is ignored`)
	}

	// number group
	for _, kw := range []string{"maximum", "minimum", "exclusiveMaximum", "exclusiveMinimum", "multipleOf"} {
		v, ok := get(kw)
		if !ok {
			continue
		}
		f, isNum := numberOf(v)
		if !isNum {
			return schemaErr(path, "%s must be a number", kw)
		}
		if kw == "multipleOf" && f <= 0 {
			return schemaErr(path, "multipleOf must be > 0")
		}
		fp := new(float64)
		*fp = f
		switch kw {
		case "maximum":
			n.maximum = fp
		case "minimum":
			n.minimum = fp
		case "exclusiveMaximum":
			n.exMax = fp
		case "exclusiveMinimum":
			n.exMin = fp
		default:
			n.multipleOf = fp
		}
		n.hasRule[gNumber] = true
	}
	// string group
	var err error
	if v, ok := get("maxLength"); ok {
		if n.maxLen, err = nonNegInt(path, "maxLength", v); err != nil {
			return err
		}
		n.hasRule[gString] = true
	}
	if v, ok := get("minLength"); ok {
		if n.minLen, err = nonNegInt(path, "minLength", v); err != nil {
			return err
		}
		n.hasRule[gString] = true
	}
	if v, ok := get("pattern"); ok {
		s, isStr := v.(string)
		if !isStr {
			return schemaErr(path, "pattern must be a string")
		}
		re, err := compileRegex(s)
		if err != nil {
			return schemaErr(path, "invalid pattern %q: %v", s, err)
		}
		n.pattern, n.patternSrc = re, s
		n.hasRule[gString] = true
	}
	if v, ok := get("format"); ok {
		s, isStr := v.(string)
		if !isStr {
			return schemaErr(path, "format must be a string")
		}
		f, known := lookupFormat(s)
		if !known {
			if !c.plain {
				return &SchemaError{Path: path, Msg: fmt.Sprintf("unknown format %q ignored in schema at path %q", s, path)}
			}
		} else {
			n.format, n.formatName = f, s
			if f.number {
				n.hasRule[gNumber] = true
			} else {
				n.hasRule[gString] = true
			}
		}
	}
	for _, kw := range []string{"formatMaximum", "formatMinimum", "formatExclusiveMaximum", "formatExclusiveMinimum", "contentSchema"} {
		if _, ok := get(kw); ok && !c.plain {
			return schemaErr(path, "keyword %q is not supported", kw)
		}
	}

	// array group
	if v, ok := get("maxItems"); ok {
		if n.maxItems, err = nonNegInt(path, "maxItems", v); err != nil {
			return err
		}
		n.hasRule[gArray] = true
	}
	if v, ok := get("minItems"); ok {
		if n.minItems, err = nonNegInt(path, "minItems", v); err != nil {
			return err
		}
		n.hasRule[gArray] = true
	}
	if v, ok := get("uniqueItems"); ok {
		b, isBool := v.(bool)
		if !isBool {
			return schemaErr(path, "uniqueItems must be a boolean")
		}
		n.unique = b
		n.hasRule[gArray] = true
		if iv, ok := get("items"); ok {
			if io, ok := iv.(*Object); ok {
				if tv, ok := io.Get("type"); ok {
					tn := &node{}
					if err := c.compileTypesOnly(tn, io, tv); err == nil {
						n.uniqueTypes = tn.types
					}
				}
			}
		}
	}
	if v, ok := get("items"); ok {
		n.hasRule[gArray] = true
		if arr, isArr := v.([]any); isArr {
			n.itemsIsList = true
			for i, e := range arr {
				sub, err := c.compile(e, path+"/items/"+strconv.Itoa(i), composite)
				if err != nil {
					return err
				}
				n.itemsList = append(n.itemsList, sub)
				if eo, ok := e.(*Object); ok {
					if dv, ok := eo.Get("default"); ok {
						if composite && !c.plain {
							return schemaErr(path, "strict mode: default is ignored for: data[%d]", i)
						}
						prepareShared(dv)
						n.itemDefaults = append(n.itemDefaults, itemDefault{i: i, v: dv})
					}
				}
			}
		} else {
			sub, err := c.compile(v, path+"/items", composite)
			if err != nil {
				return err
			}
			n.items = sub
		}
	}
	if v, ok := get("additionalItems"); ok {
		if !n.itemsIsList {
			if !c.plain {
				return schemaErr(path, `strict mode: "additionalItems" is ignored when "items" is not an array of schemas`)
			}
		} else {
			sub, err := c.compile(v, path+"/additionalItems", composite)
			if err != nil {
				return err
			}
			n.addItems, n.hasAddItems = sub, true
			n.hasRule[gArray] = true
		}
	}
	if v, ok := get("contains"); ok {
		sub, err := c.compile(v, path+"/contains", true)
		if err != nil {
			return err
		}
		n.contains = sub
		n.hasRule[gArray] = true
	}

	// object group
	if v, ok := get("maxProperties"); ok {
		if n.maxProps, err = nonNegInt(path, "maxProperties", v); err != nil {
			return err
		}
		n.hasRule[gObject] = true
	}
	if v, ok := get("minProperties"); ok {
		if n.minProps, err = nonNegInt(path, "minProperties", v); err != nil {
			return err
		}
		n.hasRule[gObject] = true
	}
	if v, ok := get("required"); ok {
		arr, isArr := v.([]any)
		if !isArr {
			return schemaErr(path, "required must be an array of strings")
		}
		seen := map[string]bool{}
		for _, e := range arr {
			s, isStr := e.(string)
			if !isStr {
				return schemaErr(path, "required must be an array of strings")
			}
			if seen[s] {
				return schemaErr(path, "required must contain unique names (%q repeats)", s)
			}
			seen[s] = true
			n.required = append(n.required, s)
		}
		n.hasRule[gObject] = true
	}
	if v, ok := get("propertyNames"); ok {
		sub, err := c.compile(v, path+"/propertyNames", true)
		if err != nil {
			return err
		}
		n.propertyNames = sub
		n.hasRule[gObject] = true
	}
	if v, ok := get("properties"); ok {
		po, isObj := v.(*Object)
		if !isObj {
			return schemaErr(path, "properties must be an object")
		}
		n.propNames = make(map[string]bool, po.Len())
		for _, m := range po.Members {
			esc := escapeFragment(m.Key)
			sub, err := c.compile(m.Value, path+"/properties/"+esc, composite)
			if err != nil {
				return err
			}
			p := prop{key: m.Key, keyEsc: esc, n: sub}
			if so, ok := m.Value.(*Object); ok {
				if d, ok := so.Get("default"); ok {
					if composite && !c.plain {
						return schemaErr(path, "strict mode: default is ignored for: data%s", jsPropAccess(m.Key))
					}
					p.def, p.hasDef = d, true
					prepareShared(d)
					n.defaults = append(n.defaults, p)
				}
			}
			n.props = append(n.props, p)
			n.propNames[m.Key] = true
		}
		n.hasRule[gObject] = true
	}
	if v, ok := get("patternProperties"); ok {
		po, isObj := v.(*Object)
		if !isObj {
			return schemaErr(path, "patternProperties must be an object")
		}
		for _, m := range po.Members {
			re, err := compileRegex(m.Key)
			if err != nil {
				return schemaErr(path, "invalid patternProperties pattern %q: %v", m.Key, err)
			}
			if !c.plain && !allPatternsAlwaysValid(po) {
				for k := range n.propNames {
					plain, err := regexp2.Compile(m.Key, regexp2.ECMAScript)
					if err == nil {
						plain.MatchTimeout = regexTimeout
						if ok, _ := plain.MatchString(k); ok {
							return schemaErr(path, "strict mode: property %s matches pattern %s (use allowMatchingProperties)", k, m.Key)
						}
					}
				}
			}
			sub, err := c.compile(m.Value, path+"/patternProperties/"+escapeFragment(m.Key), composite)
			if err != nil {
				return err
			}
			pp := patProp{src: m.Key, re: re}
			if !sub.valid {
				pp.n = sub
			}
			n.patProps = append(n.patProps, pp)
		}
		n.hasRule[gObject] = true
	}
	if v, ok := get("additionalProperties"); ok {
		sub, err := c.compile(v, path+"/additionalProperties", composite)
		if err != nil {
			return err
		}
		n.addProps, n.hasAddProps = sub, true
		n.hasRule[gObject] = true
	}
	if v, ok := get("dependencies"); ok {
		do, isObj := v.(*Object)
		if !isObj {
			return schemaErr(path, "dependencies must be an object")
		}
		var schemaDeps []dep
		for _, m := range do.Members {
			if arr, isArr := m.Value.([]any); isArr {
				d := dep{prop: m.Key}
				for _, e := range arr {
					s, isStr := e.(string)
					if !isStr {
						return schemaErr(path, "dependencies arrays must hold strings")
					}
					d.names = append(d.names, s)
				}
				if len(d.names) > 0 {
					n.deps = append(n.deps, d)
				}
				continue
			}
			sub, err := c.compile(m.Value, path+"/dependencies/"+escapeFragment(m.Key), composite)
			if err != nil {
				return err
			}
			if !sub.valid {
				schemaDeps = append(schemaDeps, dep{prop: m.Key, n: sub})
			}
		}
		n.deps = append(n.deps, schemaDeps...)
		n.hasRule[gObject] = true
	}
	for _, kw := range []string{"definitions", "$defs"} {
		if v, ok := get(kw); ok {
			if _, isObj := v.(*Object); !isObj {
				return schemaErr(path, "%s must be an object", kw)
			}
		}
	}

	// Ajv coerceAndCheckDataType
	for _, t := range n.types {
		if t != tObject && !c.plain {
			n.coerceTo = append(n.coerceTo, t)
		}
	}
	n.checkTypes = len(n.types) > 0 && !(len(n.coerceTo) == 0 && len(n.types) == 1 && n.hasRuleForType(n.types[0]))
	return nil
}

func (c *compiler) compileTypesOnly(n *node, o *Object, t any) error {
	switch tv := t.(type) {
	case string:
		jt, ok := parseType(tv)
		if !ok {
			return errors.New("bad type")
		}
		n.types = []jtype{jt}
	case []any:
		for _, e := range tv {
			es, _ := e.(string)
			jt, ok := parseType(es)
			if !ok {
				return errors.New("bad type")
			}
			n.types = append(n.types, jt)
		}
	}
	if nv, ok := o.Get("nullable"); ok && nv == true {
		has := false
		for _, t := range n.types {
			has = has || t == tNull
		}
		if !has {
			n.types = append(n.types, tNull)
		}
	}
	return nil
}

// hasRuleForType is Ajv's schemaHasRulesForType.
func (n *node) hasRuleForType(t jtype) bool {
	switch t {
	case tNumber:
		return n.hasRule[gNumber]
	case tString:
		return n.hasRule[gString]
	case tArray:
		return n.hasRule[gArray]
	case tObject:
		return n.hasRule[gObject]
	}
	return false
}

func jsPropAccess(key string) string {
	ident := key != ""
	for i, r := range key {
		if !(r == '_' || r == '$' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9') {
			ident = false
			break
		}
	}
	if ident {
		return "." + key
	}
	return "[" + string(AppendJSON(nil, key)) + "]"
}

// compileRef resolves ref (relative to the base URI of the schema object
// holding it) and compiles its target: inlined (a fresh compile with the
// $ref as schema path) when the target holds no $ref, otherwise once, as a
// called function whose errors restart at "#".
func (c *compiler) compileRef(holder *Object, ref, path string, composite bool) (*refTarget, error) {
	base := c.baseOf[holder]
	target, ok := c.resolve(base, ref)
	if ok && target == c.root && c.rootID() == "" && !c.plain {
		// Ajv (addUsedSchema: false) cannot resolve the root of a schema
		// without $id
		ok = false
	}
	// A target that is only a $ref (no other rules) is followed: Ajv
	// resolves ref chains before deciding to inline.
	for i := 0; ok && i < 32; i++ {
		to, isObj := target.(*Object)
		if !isObj {
			break
		}
		r, has := to.Get("$ref")
		rs, isStr := r.(string)
		if !has || !isStr || hasRulesButRef(to) {
			break
		}
		target, ok = c.resolve(c.baseOf[to], rs)
		if ok && target == c.root && c.rootID() == "" && !c.plain {
			ok = false
		}
	}
	if !ok {
		return nil, &SchemaError{Path: path, Msg: fmt.Sprintf("can't resolve reference %s from id %s", ref, idOrHash(base))}
	}
	if !hasRef(target) {
		c.inlineDep++
		defer func() { c.inlineDep-- }()
		if c.inlineDep > 64 {
			return nil, schemaErr(path, "$ref nesting too deep")
		}
		n, err := c.compile(target, ref, composite)
		if err != nil {
			return nil, err
		}
		return &refTarget{n: n}, nil
	}
	to, isObj := target.(*Object)
	if !isObj {
		n, err := c.compile(target, "#", false)
		if err != nil {
			return nil, err
		}
		return &refTarget{n: n, called: true}, nil
	}
	if n, ok := c.called[to]; ok {
		return &refTarget{n: n, called: true}, nil
	}
	n := &node{path: "#", maxLen: -1, minLen: -1, maxItems: -1, minItems: -1, maxProps: -1, minProps: -1}
	c.called[to] = n // registered before compiling: recursion ends here
	if err := c.compileObject(n, to, "#", false); err != nil {
		return nil, err
	}
	return &refTarget{n: n, called: true}, nil
}

func idOrHash(base string) string {
	if base == "" {
		return "#"
	}
	return base
}

// resolve finds the schema a $ref names.
func (c *compiler) resolve(base, ref string) (any, bool) {
	full := resolveURI(base, ref)
	doc, frag, hasFrag := strings.Cut(full, "#")
	var start any
	if doc == "" || doc == strings.SplitN(base, "#", 2)[0] && c.ids[doc] == nil {
		start = c.root
	} else if s, ok := c.ids[doc]; ok {
		start = s
	} else {
		return nil, false
	}
	if !hasFrag || frag == "" {
		return start, true
	}
	if !strings.HasPrefix(frag, "/") {
		// plain-name fragment: an $id of the form "#name"
		if s, ok := c.ids[doc+"#"+frag]; ok {
			return s, true
		}
		if s, ok := c.ids["#"+frag]; ok {
			return s, true
		}
		return nil, false
	}
	frag, err := url.PathUnescape(frag)
	if err != nil {
		return nil, false
	}
	cur := start
	for _, tok := range strings.Split(frag[1:], "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		switch x := cur.(type) {
		case *Object:
			v, ok := x.Get(tok)
			if !ok {
				return nil, false
			}
			cur = v
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(x) {
				return nil, false
			}
			cur = x[i]
		default:
			return nil, false
		}
	}
	return cur, true
}

func (c *compiler) rootID() string {
	if o, ok := c.root.(*Object); ok {
		if id, ok := o.Get("$id"); ok {
			s, _ := id.(string)
			return s
		}
	}
	return ""
}

// hasRulesButRef is Ajv's schemaHasRulesButRef.
func hasRulesButRef(o *Object) bool {
	for _, m := range o.Members {
		if m.Key != "$ref" && keywordIsRule[m.Key] {
			return true
		}
	}
	return false
}

// allPatternsAlwaysValid: Ajv skips patternProperties (and its strict
// check against properties) when every pattern schema is always valid.
func allPatternsAlwaysValid(po *Object) bool {
	for _, m := range po.Members {
		if !alwaysValidJSON(m.Value) {
			return false
		}
	}
	return true
}

// alwaysValidJSON is alwaysValidSchema on an uncompiled schema.
func alwaysValidJSON(v any) bool {
	switch x := v.(type) {
	case bool:
		return x
	case *Object:
		for _, m := range x.Members {
			if keywordIsRule[m.Key] {
				return false
			}
		}
		return true
	}
	return false
}
