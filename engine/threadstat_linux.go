package engine

import (
	"bytes"
	"os"
	"strconv"
)

// threadFaults is the number of minor page faults a thread of this process
// has taken, from /proc/self/task/<tid>/stat; -1 if it cannot be read. A
// thread that writes memory the process never touched before (a heap that
// grows) faults; one that only computes does not.
func threadFaults(tid int) int64 {
	b, err := os.ReadFile("/proc/self/task/" + strconv.Itoa(tid) + "/stat")
	if err != nil {
		return -1
	}
	// The command name, in parentheses, may hold spaces: fields start
	// after the last ')'. minflt is the 8th of them (state is the 1st).
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return -1
	}
	f := bytes.Fields(b[i+1:])
	if len(f) < 8 {
		return -1
	}
	n, err := strconv.ParseInt(string(f[7]), 10, 64)
	if err != nil {
		return -1
	}
	return n
}
