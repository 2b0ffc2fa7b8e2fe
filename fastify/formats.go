package fastify

// formatDef is one ajv-formats format in "full" mode.
type formatDef struct {
	number bool // applies to numbers (int32, int64, float, double)
	str    func(string) bool
	num    func(float64) bool
}

func lookupFormat(name string) (*formatDef, bool) {
	f, ok := formats[name]
	return f, ok
}
