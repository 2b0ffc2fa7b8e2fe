package fastify

// formats is immutable after package initialisation.
var formats = map[string]*formatDef{}
