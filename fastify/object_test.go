package fastify

import (
	"fmt"
	"math"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestObjectOrder(t *testing.T) {
	tests := []struct {
		name string
		ops  func(o *Object)
		want string
	}{
		{"insertion order", func(o *Object) { o.Set("b", 1.0); o.Set("a", 2.0) }, `{"b":1,"a":2}`},
		{"replace keeps position", func(o *Object) { o.Set("b", 1.0); o.Set("a", 2.0); o.Set("b", 3.0) }, `{"b":3,"a":2}`},
		{"index keys first ascending", func(o *Object) {
			o.Set("b", 1.0)
			o.Set("10", 2.0)
			o.Set("2", 3.0)
			o.Set("01", 4.0)
			o.Set("4294967295", 5.0)
			o.Set("0", 6.0)
		}, `{"0":6,"2":3,"10":2,"b":1,"01":4,"4294967295":5}`},
		{"delete", func(o *Object) { o.Set("a", 1.0); o.Set("b", 2.0); o.Delete("a") }, `{"b":2}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := NewObject(0)
			tt.ops(o)
			if got := string(AppendJSON(nil, o)); got != tt.want {
				t.Fatalf("got %s want %s", got, tt.want)
			}
		})
	}
}

func TestObjectBigIndex(t *testing.T) {
	o := NewObject(0)
	for i := 0; i < 100; i++ {
		o.Set(fmt.Sprintf("k%d", i), float64(i))
	}
	for _, k := range []string{"k0", "k50", "k99"} {
		if v, ok := o.Get(k); !ok || v.(float64) != float64(k[1]-'0') && k == "k0" {
			t.Fatalf("Get(%s) = %v %v", k, v, ok)
		}
	}
	if !o.Delete("k50") || o.Delete("k50") {
		t.Fatal("Delete k50 twice")
	}
	if _, ok := o.Get("k50"); ok {
		t.Fatal("k50 still present")
	}
	if v, _ := o.Get("k51"); v != 51.0 {
		t.Fatalf("k51 = %v after delete", v)
	}
	// direct appends are seen by the lazy index
	o.Members = append(o.Members, Member{Key: "direct", Value: true})
	if v, ok := o.Get("direct"); !ok || v != true {
		t.Fatal("direct append not found")
	}
	if o.Len() != 100 {
		t.Fatalf("Len = %d", o.Len())
	}
}

func TestFormatNumber(t *testing.T) {
	// expected strings are Number.prototype.toString in Node 20
	tests := []struct {
		f    float64
		want string
	}{
		{0, "0"}, {math.Copysign(0, -1), "0"}, {1, "1"}, {-1.5, "-1.5"}, {0.1, "0.1"}, {addF(0.1, 0.2), "0.30000000000000004"},
		{1e21, "1e+21"}, {1e20, "100000000000000000000"}, {123456789012345680000, "123456789012345680000"},
		{1e-6, "0.000001"}, {1e-7, "1e-7"}, {1.5e-7, "1.5e-7"}, {5e-324, "5e-324"}, {1.7976931348623157e308, "1.7976931348623157e+308"},
		{math.Inf(1), "Infinity"}, {math.Inf(-1), "-Infinity"}, {math.NaN(), "NaN"}, {9007199254740993, "9007199254740992"},
		{2.5e25, "2.5e+25"}, {-1e-10, "-1e-10"}, {100, "100"}, {4294967295, "4294967295"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := FormatNumber(tt.f); got != tt.want {
				t.Fatalf("FormatNumber(%v) = %s, want %s", tt.f, got, tt.want)
			}
		})
	}
}

func TestAppendJSONExtraTypes(t *testing.T) {
	tm := time.Date(2024, 2, 3, 4, 5, 6, 7_000_000, time.FixedZone("x", 3600))
	o := NewObject(0)
	o.Set("t", tm)
	o.Set("i", 42)
	o.Set("i64", int64(-7))
	o.Set("nan", math.NaN())
	o.Set("ls", "a\xed\xa0\x80b") // WTF-8 lone surrogate
	o.Set("bad", "\xff")
	o.Set("fn", func() {})
	got := string(AppendJSON(nil, o))
	want := `{"t":"2024-02-03T03:05:06.007Z","i":42,"i64":-7,"nan":null,"ls":"a\ud800b","bad":"` + "\uFFFD" + `","fn":null}`
	if got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
}

func TestParseLoneSurrogateRoundTrip(t *testing.T) {
	v, err := ParseJSON([]byte(`["\ud800","\udfff\ud83d\ude00"]`))
	if err != nil {
		t.Fatal(err)
	}
	if got := string(AppendJSON(nil, v)); got != `["\ud800","\udfff😀"]` {
		t.Fatalf("got %s", got)
	}
	if n := ucs2length(v.([]any)[1].(string)); n != 2 {
		t.Fatalf("ucs2length = %d, want 2", n)
	}
}

func TestParseDeepNesting(t *testing.T) {
	const depth = 200000
	in := strings.Repeat("[", depth) + strings.Repeat("]", depth)
	if _, err := ParseJSON([]byte(in)); err != nil {
		t.Fatal(err)
	}
}

func TestValidatorConcurrent(t *testing.T) {
	enum := make([]string, 20)
	for i := range enum {
		enum[i] = fmt.Sprintf(`{"k%d":%d,"a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7,"h":8,"i":9,"j":10,"l":11,"m":12}`, i, i)
	}
	schema := `{"type":"object","properties":{"o":{"enum":[` + strings.Join(enum, ",") + `]},"n":{"type":"integer","default":3}},"required":["o"]}`
	v, err := CompileValidator([]byte(schema))
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				data := mustParse(t, `{"o":`+enum[(g+i)%len(enum)]+`}`)
				res, verr := v.Validate(data)
				if verr != nil {
					t.Errorf("unexpected %s", verr.FastifyMessage("body"))
					return
				}
				if n, _ := res.(*Object).Get("n"); n != 3.0 {
					t.Errorf("default not applied: %v", n)
					return
				}
			}
		}(g)
	}
	wg.Wait()
}

func TestErrorBody(t *testing.T) {
	tests := []struct {
		status    int
		code, msg string
		want      string
	}{
		{400, CodeValidation, "body/a must be integer", `{"statusCode":400,"code":"FST_ERR_VALIDATION","error":"Bad Request","message":"body/a must be integer"}`},
		{500, "", `"name" is required!`, `{"statusCode":500,"error":"Internal Server Error","message":"\"name\" is required!"}`},
		{400, CodeInvalidJSON, MsgInvalidJSONBody, `{"statusCode":400,"code":"FST_ERR_CTP_INVALID_JSON_BODY","error":"Bad Request","message":"Body is not valid JSON but content-type is set to 'application/json'"}`},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := string(AppendErrorBody(nil, tt.status, tt.code, tt.msg)); got != tt.want {
				t.Fatalf("got %s", got)
			}
		})
	}
}

// addF adds at run time (Go folds constant expressions exactly).
func addF(a, b float64) float64 { return a + b }

func TestDeepData(t *testing.T) {
	const depth = 50000
	in := strings.Repeat(`{"c":`, depth) + "null" + strings.Repeat("}", depth)
	data, err := ParseJSON([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if got := AppendJSON(nil, data); string(got) != in {
		t.Fatal("AppendJSON changed deep data")
	}
	v, err := CompileValidator([]byte(`{"$id":"n","type":"object","properties":{"c":{"anyOf":[{"type":"null"},{"$ref":"#"}]}}}`))
	if err != nil {
		t.Fatal(err)
	}
	if _, verr := v.Validate(data); verr == nil || !verr.Internal || verr.Message != "Maximum call stack size exceeded" {
		t.Fatalf("Validate deep data: %+v", verr)
	}
	s, err := CompileSerializer([]byte(`{"type":"object","properties":{"c":{"$ref":"#"}}}`))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Append(nil, data); err == nil || err.Error() != "Maximum call stack size exceeded" {
		t.Fatalf("Append deep data: %v", err)
	}
	shallow := mustParse(t, `{"c":{"c":{"c":null}}}`)
	if _, verr := v.Validate(shallow); verr != nil {
		t.Fatal(verr)
	}
	if out, err := s.Append(nil, shallow); err != nil || string(out) != `{"c":{"c":{"c":{}}}}` {
		t.Fatalf("Append shallow: %s %v", out, err)
	}
}
