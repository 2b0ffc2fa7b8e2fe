package engine

import (
	"os"
	"testing"
)

func TestCryptoDev(t *testing.T) {
	src, _ := os.ReadFile(os.Getenv("DEV_JS"))
	t.Logf("%s", runFunction(t, string(src)))
}
