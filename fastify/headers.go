package fastify

import "strings"

// CompileHeadersValidator compiles a route's headers schema the way Fastify
// 5 does: property names are lowercased first (Node lowercases received
// header names) in properties, required, dependencies, dependentRequired
// and dependentSchemas of every subschema, and enum/const values inside
// propertyNames; patternProperties keys are left as written.
func CompileHeadersValidator(schemaJSON []byte) (*Validator, error) {
	s, err := ParseJSON(schemaJSON)
	if err != nil {
		return nil, &SchemaError{Msg: "schema is not valid JSON: " + err.Error()}
	}
	if _, isObj := s.(*Object); isObj {
		s = lowerCaseHeadersSchema(s, false)
	}
	return CompileValidator(AppendJSON(nil, s))
}

func lowerCaseHeadersSchema(v any, inPropertyNames bool) any {
	switch x := v.(type) {
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = lowerCaseHeadersSchema(e, inPropertyNames)
		}
		return out
	case *Object:
		out := NewObject(x.Len())
		for _, m := range x.Members {
			val := m.Value
			switch m.Key {
			case "properties", "dependentSchemas":
				if po, ok := val.(*Object); ok {
					n := NewObject(po.Len())
					for _, pm := range po.Members {
						n.Set(jsLower(pm.Key), lowerCaseHeadersSchema(pm.Value, inPropertyNames))
					}
					val = n
				}
			case "required":
				val = lowerStrings(val)
			case "dependencies":
				if po, ok := val.(*Object); ok {
					n := NewObject(po.Len())
					for _, pm := range po.Members {
						if arr, isArr := pm.Value.([]any); isArr {
							n.Set(jsLower(pm.Key), lowerStrings(arr))
						} else {
							n.Set(jsLower(pm.Key), lowerCaseHeadersSchema(pm.Value, inPropertyNames))
						}
					}
					val = n
				}
			case "dependentRequired":
				if po, ok := val.(*Object); ok {
					n := NewObject(po.Len())
					for _, pm := range po.Members {
						n.Set(jsLower(pm.Key), lowerStrings(pm.Value))
					}
					val = n
				}
			case "allOf", "anyOf", "oneOf", "not", "if", "then", "else", "items", "additionalItems",
				"additionalProperties", "unevaluatedItems", "unevaluatedProperties", "contains", "contentSchema":
				val = lowerCaseHeadersSchema(val, inPropertyNames)
			case "propertyNames":
				val = lowerCaseHeadersSchema(val, true)
			case "definitions", "$defs", "patternProperties":
				if po, ok := val.(*Object); ok {
					n := NewObject(po.Len())
					for _, pm := range po.Members {
						n.Set(pm.Key, lowerCaseHeadersSchema(pm.Value, inPropertyNames))
					}
					val = n
				}
			default:
				if inPropertyNames && m.Key == "enum" {
					if arr, ok := val.([]any); ok {
						n := make([]any, len(arr))
						for i, e := range arr {
							if s, ok := e.(string); ok {
								n[i] = jsLower(s)
							} else {
								n[i] = e
							}
						}
						val = n
					}
				} else if inPropertyNames && m.Key == "const" {
					if s, ok := val.(string); ok {
						val = jsLower(s)
					}
				}
			}
			out.Set(m.Key, val)
		}
		return out
	}
	return v
}

func lowerStrings(v any) any {
	arr, ok := v.([]any)
	if !ok {
		return v
	}
	out := make([]any, len(arr))
	for i, e := range arr {
		if s, ok := e.(string); ok {
			out[i] = jsLower(s)
		} else {
			out[i] = e
		}
	}
	return out
}

// jsLower approximates String.prototype.toLowerCase (Unicode default case
// mapping; header names are ASCII in practice).
func jsLower(s string) string { return strings.ToLower(s) }
