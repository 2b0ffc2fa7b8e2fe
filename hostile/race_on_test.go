//go:build race

package hostile_test

// raceDetector: the race detector slows native code several times, enough
// that an attack which first has to build a 32 Mi-character string cannot
// reach its limit before the deadline.
const raceDetector = true
