package fastify

func (sc *scompiler) fillAllOf(n *snode, o *Object, ref string, depth int) error {
	return &SchemaError{Path: ref, Msg: "allOf is not supported yet"}
}

func (sc *scompiler) fillUnion(n *snode, o *Object, kw, ref string, depth int) error {
	return &SchemaError{Path: ref, Msg: kw + " is not supported yet"}
}

func (sc *scompiler) fillIf(n *snode, o *Object, ref string, depth int) error {
	return &SchemaError{Path: ref, Msg: "if/then/else is not supported yet"}
}

func mergeSchemas(list []any) (any, error) {
	return nil, &SchemaError{Msg: "$ref with sibling keywords is not supported yet"}
}

func (v *Validator) matches(data any) bool {
	_, err := v.Validate(data)
	return err == nil
}
