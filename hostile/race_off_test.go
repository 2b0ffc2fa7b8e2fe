//go:build !race

package hostile_test

// raceDetector: see race_on_test.go.
const raceDetector = false
