package fastify

import "testing"

const benchSchema = `{"type":"object","properties":{
"id":{"type":"integer","minimum":1},
"name":{"type":"string","minLength":1,"maxLength":100},
"email":{"type":"string","pattern":"^[^@]+@[^@]+$"},
"age":{"type":"integer","minimum":0,"maximum":150},
"active":{"type":"boolean"},
"score":{"type":"number"},
"role":{"type":"string","enum":["admin","user","guest"]},
"tags":{"type":"array","items":{"type":"string"},"maxItems":10},
"city":{"type":"string"},
"zip":{"type":"string","default":"00000"}},
"required":["id","name","email"],"additionalProperties":false}`

const benchData = `{"id":7,"name":"Ann","email":"ann@example.com","age":"42","active":true,"score":9.5,"role":"user","tags":["a","b"],"city":"Oslo","zip":"0150"}`

func BenchmarkValidate(b *testing.B) {
	v, err := CompileValidator([]byte(benchSchema))
	if err != nil {
		b.Fatal(err)
	}
	data := mustParse(b, benchData)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, verr := v.Validate(data); verr != nil {
			b.Fatal(verr)
		}
	}
}

func BenchmarkValidateInvalid(b *testing.B) {
	v, err := CompileValidator([]byte(benchSchema))
	if err != nil {
		b.Fatal(err)
	}
	data := mustParse(b, `{"id":7,"name":"Ann","email":"ann@example.com","age":"x"}`)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, verr := v.Validate(data); verr == nil {
			b.Fatal("valid")
		}
	}
}

func BenchmarkSerialize(b *testing.B) {
	s, err := CompileSerializer([]byte(benchSchema))
	if err != nil {
		b.Fatal(err)
	}
	data := mustParse(b, benchData)
	buf := make([]byte, 0, 512)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var err error
		if buf, err = s.Append(buf[:0], data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseJSON(b *testing.B) {
	in := []byte(benchData)
	b.ReportAllocs()
	b.SetBytes(int64(len(in)))
	for i := 0; i < b.N; i++ {
		if _, err := ParseJSON(in); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAppendJSON(b *testing.B) {
	data := mustParse(b, benchData)
	buf := make([]byte, 0, 512)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		buf = AppendJSON(buf[:0], data)
	}
}
