package fastify

import (
	"math"
	"strconv"
	"strings"

	"github.com/dlclark/regexp2/v2"
)

// errMerge is @fastify/merge-json-schemas' MergeError: the schemas cannot
// be merged (no common type or enum value, conflicting const/default/format).
type errMerge struct{ keyword string }

func (e *errMerge) Error() string { return `Failed to merge "` + e.keyword + `" keyword schemas.` }

// mergeSchemas is fast-json-stringify's mergeSchemas: @fastify/merge-json-schemas
// with onConflict "skip".
func mergeSchemas(list []any) (any, error) {
	if len(list) == 0 {
		return &Object{}, nil
	}
	if len(list) == 1 {
		return list[0], nil
	}
	allTrue := true
	var objs []*Object
	keywords := NewObject(8) // keyword → []any of values, first-appearance order
	for _, s := range list {
		if b, ok := s.(bool); ok {
			if !b {
				return false, nil
			}
			continue
		}
		o, ok := s.(*Object)
		if !ok {
			continue
		}
		allTrue = false
		objs = append(objs, o)
		for _, m := range o.Members {
			vs, _ := keywords.Get(m.Key)
			arr, _ := vs.([]any)
			keywords.Set(m.Key, append(arr, m.Value))
		}
	}
	if allTrue {
		return true, nil
	}
	merged := NewObject(keywords.Len())
	for _, kw := range keywords.Members {
		values := kw.Value.([]any)
		if err := mergeKeyword(kw.Key, values, merged, objs); err != nil {
			return nil, err
		}
	}
	return merged, nil
}

func mergeKeyword(kw string, values []any, merged *Object, schemas []*Object) error {
	switch kw {
	case "$id", "then", "else":
		return nil
	case "type":
		lists := make([][]any, len(values))
		for i, v := range values {
			if arr, ok := v.([]any); ok {
				lists[i] = arr
			} else {
				lists[i] = []any{v}
			}
		}
		inter := intersect(lists)
		if len(inter) == 0 {
			return &errMerge{kw}
		}
		if len(inter) == 1 {
			merged.Set(kw, inter[0])
		} else {
			merged.Set(kw, inter)
		}
	case "enum":
		lists := make([][]any, len(values))
		for i, v := range values {
			lists[i], _ = v.([]any)
		}
		inter := intersect(lists)
		if len(inter) == 0 {
			return &errMerge{kw}
		}
		merged.Set(kw, inter)
	case "minLength", "minimum", "exclusiveMinimum", "minItems", "minProperties":
		merged.Set(kw, extremum(values, math.Max))
	case "maxLength", "maximum", "exclusiveMaximum", "maxItems", "maxProperties":
		merged.Set(kw, extremum(values, math.Min))
	case "multipleOf":
		merged.Set(kw, commonMultiple(values))
	case "const", "default", "format":
		for _, v := range values[1:] {
			if !deepEqual(v, values[0]) {
				return &errMerge{kw}
			}
		}
		merged.Set(kw, values[0])
	case "required", "allOf":
		var union []any
		for _, v := range values {
			arr, _ := v.([]any)
			for _, e := range arr {
				if !containsSame(union, e) {
					union = append(union, e)
				}
			}
		}
		merged.Set(kw, union)
	case "properties":
		return mergeProperties(merged, schemas)
	case "patternProperties", "definitions", "$defs", "dependentSchemas":
		return mergeObjects(kw, values, merged)
	case "additionalProperties", "not", "propertyNames", "contains":
		m, err := mergeSchemas(values)
		if err != nil {
			return err
		}
		merged.Set(kw, m)
	case "items":
		return mergeItems(values, merged, schemas)
	case "additionalItems":
		return mergeAdditionalItems(values, merged, schemas)
	case "nullable":
		r := true
		for _, v := range values {
			if v == false {
				r = false
			}
		}
		merged.Set(kw, r)
	case "uniqueItems":
		r := false
		for _, v := range values {
			if v == true {
				r = true
			}
		}
		merged.Set(kw, r)
	case "oneOf", "anyOf":
		return mergeOneOf(kw, values, merged)
	case "if":
		return mergeIf(merged, schemas)
	case "dependencies", "dependentRequired":
		deps := NewObject(4)
		for _, v := range values {
			o, _ := v.(*Object)
			if o == nil {
				continue
			}
			for _, m := range o.Members {
				cur, _ := deps.Get(m.Key)
				list, _ := cur.([]any)
				arr, ok := m.Value.([]any)
				if !ok {
					return &SchemaError{Msg: "dependencies[" + m.Key + "] is not iterable"}
				}
				for _, e := range arr {
					if !containsSame(list, e) {
						list = append(list, e)
					}
				}
				deps.Set(m.Key, list)
			}
		}
		merged.Set(kw, deps)
	default:
		for _, v := range values[1:] {
			if !deepEqual(v, values[0]) {
				return nil // onConflict: skip
			}
		}
		merged.Set(kw, values[0])
	}
	return nil
}

// containsSame is Array.prototype.includes: SameValueZero, so objects
// match only themselves.
func containsSame(list []any, v any) bool {
	for _, e := range list {
		if sameValueZero(e, v) {
			return true
		}
	}
	return false
}

func sameValueZero(a, b any) bool {
	switch x := a.(type) {
	case *Object:
		y, ok := b.(*Object)
		return ok && x == y
	case []any:
		y, ok := b.([]any)
		return ok && len(x) > 0 && len(y) > 0 && &x[0] == &y[0]
	}
	switch b.(type) {
	case *Object, []any:
		return false
	}
	return deepEqual(a, b)
}

func intersect(lists [][]any) []any {
	inter := lists[0]
	for _, l := range lists[1:] {
		var next []any
		for _, v := range inter {
			if containsSame(l, v) {
				next = append(next, v)
			}
		}
		inter = next
	}
	return inter
}

func extremum(values []any, f func(a, b float64) float64) float64 {
	var r float64
	for i, v := range values {
		n := jsNumber(v)
		if i == 0 {
			r = n
		} else {
			r = f(r, n)
		}
	}
	return r
}

func commonMultiple(values []any) float64 {
	nums := make([]float64, len(values))
	for i, v := range values {
		nums[i] = jsNumber(v)
	}
	scale := 1.0
	for _, v := range nums {
		for math.Mod(v*scale, 1) != 0 {
			scale *= 10
		}
	}
	gcd := func(a, b float64) float64 {
		for b != 0 {
			a, b = b, math.Mod(a, b)
		}
		return a
	}
	multiple := nums[0] * scale
	for _, v := range nums {
		multiple = multiple * (v * scale) / gcd(multiple, v*scale)
	}
	return multiple / scale
}

func schemaForProperty(s *Object, name string) (any, bool) {
	if p, ok := s.Get("properties"); ok {
		if po, ok := p.(*Object); ok {
			if v, ok := po.Get(name); ok {
				return v, true
			}
		}
	}
	if pp, ok := s.Get("patternProperties"); ok {
		if ppo, ok := pp.(*Object); ok {
			for _, m := range ppo.Members {
				re, err := regexp2.Compile(m.Key, regexp2.ECMAScript)
				if err != nil {
					continue
				}
				re.MatchTimeout = regexTimeout
				if ok, _ := re.MatchString(name); ok {
					return m.Value, true
				}
			}
		}
	}
	return s.Get("additionalProperties")
}

func mergeProperties(merged *Object, schemas []*Object) error {
	found := NewObject(8)
	for _, cur := range schemas {
		p, _ := cur.Get("properties")
		po, _ := p.(*Object)
		if po == nil {
			continue
		}
		for _, m := range po.Members {
			if _, ok := found.Get(m.Key); ok {
				continue
			}
			list := []any{m.Value}
			for _, other := range schemas {
				if other == cur {
					continue
				}
				if s, ok := schemaForProperty(other, m.Key); ok {
					list = append(list, s)
				}
			}
			found.Set(m.Key, list)
		}
	}
	props := NewObject(found.Len())
	for _, m := range found.Members {
		ms, err := mergeSchemas(m.Value.([]any))
		if err != nil {
			return err
		}
		props.Set(m.Key, ms)
	}
	merged.Set("properties", props)
	return nil
}

func mergeObjects(kw string, values []any, merged *Object) error {
	acc := NewObject(8)
	for _, v := range values {
		o, _ := v.(*Object)
		if o == nil {
			continue
		}
		for _, m := range o.Members {
			cur, _ := acc.Get(m.Key)
			list, _ := cur.([]any)
			acc.Set(m.Key, append(list, m.Value))
		}
	}
	out := NewObject(acc.Len())
	for _, m := range acc.Members {
		ms, err := mergeSchemas(m.Value.([]any))
		if err != nil {
			return err
		}
		out.Set(m.Key, ms)
	}
	merged.Set(kw, out)
	return nil
}

func schemaForItem(s *Object, i int) (any, bool) {
	items, hasItems := s.Get("items")
	if arr, ok := items.([]any); ok {
		if i < len(arr) {
			return arr[i], true
		}
		return s.Get("additionalItems")
	}
	if hasItems {
		return items, true
	}
	return s.Get("additionalItems")
}

func mergeItems(values []any, merged *Object, schemas []*Object) error {
	maxLen := 0
	for _, v := range values {
		if arr, ok := v.([]any); ok && len(arr) > maxLen {
			maxLen = len(arr)
		}
	}
	if maxLen == 0 {
		m, err := mergeSchemas(values)
		if err != nil {
			return err
		}
		merged.Set("items", m)
		return nil
	}
	out := make([]any, maxLen)
	for i := 0; i < maxLen; i++ {
		var list []any
		for _, s := range schemas {
			if it, ok := schemaForItem(s, i); ok {
				list = append(list, it)
			}
		}
		m, err := mergeSchemas(list)
		if err != nil {
			return err
		}
		out[i] = m
	}
	merged.Set("items", out)
	return nil
}

func mergeAdditionalItems(values []any, merged *Object, schemas []*Object) error {
	hasArrayItems := false
	for _, s := range schemas {
		if it, _ := s.Get("items"); it != nil {
			if _, ok := it.([]any); ok {
				hasArrayItems = true
			}
		}
	}
	if !hasArrayItems {
		m, err := mergeSchemas(values)
		if err != nil {
			return err
		}
		merged.Set("additionalItems", m)
		return nil
	}
	var list []any
	for _, s := range schemas {
		ai, ok := s.Get("additionalItems")
		if !ok {
			if it, has := s.Get("items"); has {
				if _, isArr := it.([]any); !isArr {
					ai, ok = it, true
				}
			}
		}
		if ok {
			list = append(list, ai)
		}
	}
	m, err := mergeSchemas(list)
	if err != nil {
		return err
	}
	merged.Set("additionalItems", m)
	return nil
}

func mergeOneOf(kw string, values []any, merged *Object) error {
	if len(values) == 1 {
		merged.Set(kw, values[0])
		return nil
	}
	product := [][]any{{}}
	for _, v := range values {
		arr, _ := v.([]any)
		var next [][]any
		for _, x := range product {
			for _, y := range arr {
				c := append(append([]any(nil), x...), y)
				next = append(next, c)
			}
		}
		product = next
	}
	out := []any{}
	for _, comb := range product {
		m, err := mergeSchemas(comb)
		if err != nil {
			if _, ok := err.(*errMerge); ok {
				continue
			}
			return err
		}
		out = append(out, m)
	}
	merged.Set(kw, out)
	return nil
}

func mergeIf(merged *Object, schemas []*Object) error {
	for _, s := range schemas {
		ifV, hasIf := s.Get("if")
		if !hasIf {
			continue
		}
		thenV, hasThen := s.Get("then")
		elseV, hasElse := s.Get("else")
		if _, ok := merged.Get("if"); !ok {
			merged.Set("if", ifV)
			if hasThen {
				merged.Set("then", thenV)
			}
			if hasElse {
				merged.Set("else", elseV)
			}
			continue
		}
		sub := NewObject(3)
		sub.Set("if", ifV)
		if hasThen {
			sub.Set("then", thenV)
		}
		if hasElse {
			sub.Set("else", elseV)
		}
		if t, ok := merged.Get("then"); ok {
			m, err := mergeSchemas([]any{t, sub})
			if err != nil {
				return err
			}
			merged.Set("then", m)
		}
		if e, ok := merged.Get("else"); ok {
			m, err := mergeSchemas([]any{e, sub})
			if err != nil {
				return err
			}
			merged.Set("else", m)
		}
	}
	return nil
}

// ---- serializer nodes built from merged schemas

// resolveRefFJS is fast-json-stringify's resolveRef: follow a chain of
// $refs, then merge the siblings met on the way into the target (when the
// merge fails, the target alone is used). It returns the schema and its
// reference for messages.
func (sc *scompiler) resolveRefFJS(o *Object, ref string) (any, string, error) {
	var siblings []any
	cur := o
	target := any(o)
	tref := ref
	for i := 0; ; i++ {
		if i > maxSchemaDepth {
			return nil, "", &SchemaError{Path: ref, Msg: "schema exceeds maximum depth of 100"}
		}
		r, ok := cur.Get("$ref")
		if !ok {
			break
		}
		rs, _ := r.(string)
		t, tr, err := sc.resolveRef(cur, rs, tref)
		if err != nil {
			return nil, "", err
		}
		if hasRefSiblings(cur) {
			siblings = append([]any{sc.cloneForMerge(withoutIgnored(cur), cur)}, siblings...)
		}
		target, tref = t, tr
		to, isObj := t.(*Object)
		if !isObj {
			break
		}
		if to == o {
			return nil, "", &SchemaError{Path: ref, Msg: `Cannot resolve circular reference "` + rs + `"`}
		}
		cur = to
	}
	if len(siblings) == 0 {
		return target, tref, nil
	}
	merged, err := mergeSchemas(append([]any{sc.cloneForMerge(target, nil)}, siblings...))
	if err != nil {
		if _, ok := err.(*errMerge); ok {
			return target, tref, nil
		}
		return nil, "", err
	}
	key := tref + string(AppendJSON(nil, siblings))
	return merged, sc.mergedRef(key), nil
}

func withoutIgnored(o *Object) *Object {
	out := NewObject(o.Len())
	for _, m := range o.Members {
		if !ignoredRefSiblings[m.Key] {
			out.Members = append(out.Members, m)
		}
	}
	return out
}

// mergedRef names a merged schema the way fast-json-stringify does
// (__fjs_merged_N), reusing the name for identical merges.
func (sc *scompiler) mergedRef(key string) string {
	if r, ok := sc.mergedIDs[key]; ok {
		return r
	}
	r := "__fjs_merged_" + strconv.Itoa(len(sc.mergedIDs)) + "#"
	sc.mergedIDs[key] = r
	return r
}

// cloneForMerge deep-copies a schema for merging, dropping the top-level
// $id and making $refs resolvable from anywhere (absolute when the origin
// has a base URI).
func (sc *scompiler) cloneForMerge(s any, origin *Object) any {
	o, ok := s.(*Object)
	if !ok {
		return s
	}
	base := sc.c.baseOf[o]
	if origin != nil {
		base = sc.c.baseOf[origin]
	}
	c := sc.cloneSchema(o, base)
	if co, ok := c.(*Object); ok {
		co.Delete("$id")
	}
	return c
}

func (sc *scompiler) cloneSchema(v any, base string) any {
	switch x := v.(type) {
	case *Object:
		if b, ok := sc.c.baseOf[x]; ok {
			base = b
		}
		out := NewObject(x.Len())
		for _, m := range x.Members {
			val := m.Value
			if m.Key == "$ref" {
				if rs, ok := val.(string); ok && strings.HasPrefix(rs, "#") && base != "" {
					val = base + rs
				}
			} else {
				val = sc.cloneSchema(val, base)
			}
			out.Members = append(out.Members, Member{Key: m.Key, Value: val})
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = sc.cloneSchema(e, base)
		}
		return out
	}
	return v
}

// mergeLocations resolves the $refs of each schema, clones and merges them.
func (sc *scompiler) mergeLocations(list []any) (any, error) {
	clones := make([]any, 0, len(list))
	for _, s := range list {
		if o, ok := s.(*Object); ok {
			if _, has := o.Get("$ref"); has {
				t, _, err := sc.resolveRefFJS(o, "")
				if err != nil {
					return nil, err
				}
				s = t
			}
		}
		clones = append(clones, sc.cloneForMerge(s, nil))
	}
	return mergeSchemas(clones)
}

func (sc *scompiler) buildMerged(list []any, key string, depth int) (*snode, error) {
	ref := sc.mergedRef(key)
	if n, ok := sc.cache[ref]; ok {
		return n, nil
	}
	merged, err := sc.mergeLocations(list)
	if err != nil {
		return nil, err
	}
	return sc.build(merged, ref, depth+1)
}

func (sc *scompiler) fillAllOf(n *snode, o *Object, ref string, depth int) error {
	av, _ := o.Get("allOf")
	arr, _ := av.([]any)
	rest := withoutKeys(o, "allOf")
	dropAP := false
	if ap, ok := rest.Get("additionalProperties"); ok && ap == false {
		dropAP = true
		rest.Delete("additionalProperties")
	}
	list := append([]any{rest}, arr...)
	merged, err := sc.mergeLocations(list)
	if err != nil {
		return err
	}
	if dropAP {
		if mo, ok := merged.(*Object); ok {
			mo.Set("additionalProperties", false)
		}
	}
	sub, err := sc.build(merged, sc.mergedRef(ref+" allOf"), depth+1)
	if err != nil {
		return err
	}
	*n = *sub
	return nil
}

func (sc *scompiler) fillUnion(n *snode, o *Object, kw, ref string, depth int) error {
	ov, _ := o.Get(kw)
	options, _ := ov.([]any)
	rest := withoutKeys(o, kw)
	n.kind = kUnion
	for i, opt := range options {
		var sub *snode
		var err error
		oo, isObj := opt.(*Object)
		if r, has := oo.Get("$ref"); isObj && has {
			if _, ok := r.(string); ok {
				target, tref, err := sc.resolveRefFJS(oo, ref+"/"+kw+"/"+strconv.Itoa(i))
				if err != nil {
					return err
				}
				if rest.Len() == 0 {
					if cached, ok := sc.cache[tref]; ok {
						sub = cached
					} else if sub, err = sc.build(target, tref, depth+1); err != nil {
						return err
					}
				} else {
					key := tref + " " + string(AppendJSON(nil, rest))
					if sub, err = sc.buildMerged([]any{rest, target}, key, depth); err != nil {
						return err
					}
				}
			}
		}
		if sub == nil {
			key := ref + "/" + kw + "/" + strconv.Itoa(i) + " merged"
			if sub, err = sc.buildMerged([]any{rest, opt}, key, depth); err != nil {
				return err
			}
		}
		check, err := sc.checker(opt, ref+"/"+kw+"/"+strconv.Itoa(i))
		if err != nil {
			return err
		}
		n.options = append(n.options, sub)
		n.checks = append(n.checks, check)
	}
	return nil
}

func (sc *scompiler) fillIf(n *snode, o *Object, ref string, depth int) error {
	ifV, _ := o.Get("if")
	thenV, hasThen := o.Get("then")
	elseV, hasElse := o.Get("else")
	root := withoutKeys(o, "if", "then", "else")
	check, err := sc.checker(ifV, ref+"/if")
	if err != nil {
		return err
	}
	n.kind = kIf
	n.checks = []*Validator{check}
	rootNode, err := sc.buildMerged([]any{root}, ref+" if-root", depth)
	if err != nil {
		return err
	}
	n.thenN, n.elseN = rootNode, rootNode
	if hasThen {
		if n.thenN, err = sc.buildMerged([]any{root, thenV}, ref+" then", depth); err != nil {
			return err
		}
	}
	if hasElse && truthySchema(elseV) {
		if n.elseN, err = sc.buildMerged([]any{root, elseV}, ref+" else", depth); err != nil {
			return err
		}
	}
	return nil
}

// checker compiles the validator fast-json-stringify runs to choose a
// branch: Ajv with its default options, strict mode off, ajv-formats, and
// Dates accepted where strings are.
func (sc *scompiler) checker(s any, path string) (*Validator, error) {
	if sc.plain == nil {
		sc.plain = newCompiler(sc.c.root)
		sc.plain.plain = true
	}
	n, err := sc.plain.compile(s, path, false)
	if err != nil {
		return nil, err
	}
	return &Validator{root: n, plain: true}, nil
}

func (v *Validator) matches(data any) bool {
	s := vstate{plain: v.plain}
	slot := data
	return s.validate(v.root, &slot, vctx{composite: true, noErr: true})
}
