package api

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
)

const fuzzBoundary = "fuzzboundary"

// part is one multipart part: field name, file name, content.
type part struct {
	field, file string
	data        []byte
}

func multipartOf(parts ...part) []byte {
	var b bytes.Buffer
	for _, p := range parts {
		fmt.Fprintf(&b, "--%s\r\nContent-Disposition: form-data; name=%q", fuzzBoundary, p.field)
		if p.file != "" {
			fmt.Fprintf(&b, "; filename=%q", p.file)
		}
		b.WriteString("\r\n\r\n")
		b.Write(p.data)
		b.WriteString("\r\n")
	}
	fmt.Fprintf(&b, "--%s--\r\n", fuzzBoundary)
	return b.Bytes()
}

// tarGz is a .tar.gz of the given files; a file whose content is nil is
// size bytes of zeros. A typeflag other than regular is patched into the
// header afterwards (tar.Writer writes no content for those), so that a
// skipped entry can carry data.
func tarGz(files ...tarFile) []byte {
	var raw bytes.Buffer
	tw := tar.NewWriter(&raw)
	for _, f := range files {
		size := int64(len(f.data))
		if f.data == nil {
			size = f.size
		}
		_ = tw.Flush() // pads the previous entry
		at := raw.Len()
		if f.typ == tar.TypeDir {
			_ = tw.WriteHeader(&tar.Header{Name: f.name, Typeflag: tar.TypeDir, Mode: 0o755})
			continue
		}
		_ = tw.WriteHeader(&tar.Header{Name: f.name, Typeflag: tar.TypeReg, Size: size, Mode: 0o644})
		if f.typ != 0 && f.typ != tar.TypeReg {
			h := raw.Bytes()[at : at+512]
			h[156] = f.typ
			copy(h[148:156], "        ")
			sum := 0
			for _, c := range h {
				sum += int(c)
			}
			copy(h[148:156], fmt.Sprintf("%06o\x00 ", sum))
		}
		if f.data != nil {
			_, _ = tw.Write(f.data)
		} else {
			_, _ = io.CopyN(tw, zeroReader{}, size)
		}
	}
	_ = tw.Close()
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	_, _ = zw.Write(raw.Bytes())
	_ = zw.Close()
	return b.Bytes()
}

type tarFile struct {
	name string
	data []byte
	size int64
	typ  byte
}

type zeroReader struct{}

func (zeroReader) Read(p []byte) (int, error) { clear(p); return len(p), nil }

func zipOf(files map[string][]byte, zeros map[string]int64) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for name, data := range files {
		w, _ := zw.Create(name)
		_, _ = w.Write(data)
	}
	for name, n := range zeros {
		w, _ := zw.Create(name)
		_, _ = io.CopyN(w, zeroReader{}, n)
	}
	_ = zw.Close()
	return b.Bytes()
}

// checkUpload asserts what readUpload promises for any body.
func checkUpload(t *testing.T, body []byte, boundary string) error {
	t.Helper()
	files, keep, err := readUpload(body, boundary)
	if err != nil {
		var he *httpError
		if !errors.As(err, &he) || he.body.StatusCode != 400 || he.body.Code == "" || he.body.Message == "" {
			t.Fatalf("readUpload failed without a clean 400: %T %v", err, err)
		}
		return err
	}
	total := 0
	for _, f := range files {
		total += len(f.Source)
	}
	if total > maxExpand {
		t.Fatalf("readUpload returned %d bytes of files; the bound is %d", total, maxExpand)
	}
	if len(files)+len(keep) > maxEntries {
		t.Fatalf("readUpload returned %d entries; the bound is %d", len(files)+len(keep), maxEntries)
	}
	return nil
}

// FuzzReadUpload feeds the deploy body reader (multipart with plain
// parts, .tar.gz and .zip archives, keep/bundle/map fields) any bytes and
// boundary: it never panics, fails only with a clean 400, and never
// returns more than its bounds. Seeds are in testdata/fuzz/FuzzReadUpload.
//
//	go test -run '^$' -fuzz FuzzReadUpload -fuzztime 60s ./api/
func FuzzReadUpload(f *testing.F) {
	src := []byte("export default [{}, () => ({ ok: true })];")
	f.Add(multipartOf(part{"file", "hello.ts", src}), fuzzBoundary)
	f.Add(multipartOf(part{"file", "a/b.ts", src}, part{"keep", "", []byte("c.ts")}, part{"bundle", "a/b.ts", src}, part{"map", "a/b.ts", []byte("{}")}), fuzzBoundary)
	f.Add(multipartOf(part{"file", "tree.tar.gz", tarGz(tarFile{name: "./x.ts", data: src}, tarFile{name: "dir/", typ: tar.TypeDir, data: []byte{}}, tarFile{name: "dev", typ: tar.TypeChar, size: 4096})}), fuzzBoundary)
	f.Add(multipartOf(part{"file", "tree.tgz", tarGz(tarFile{name: "big.ts", size: 1 << 20})}), fuzzBoundary)
	f.Add(multipartOf(part{"file", "tree.zip", zipOf(map[string][]byte{"x.ts": src, "d/y.ts": src}, nil)}), fuzzBoundary)
	f.Add(multipartOf(part{"file", "z.zip", zipOf(nil, map[string]int64{"zeros.ts": 1 << 20})}), fuzzBoundary)
	f.Add(multipartOf(part{"file", "bad.zip", []byte("PK\x05\x06" + strings.Repeat("\xff", 18))}), fuzzBoundary)
	f.Add(multipartOf(part{"file", "bad.tar.gz", []byte{0x1f, 0x8b, 8, 0}}), fuzzBoundary)
	f.Add([]byte("--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.ts\"\r\n\r\nunterminated"), "x")
	f.Add([]byte(""), "")
	f.Fuzz(func(t *testing.T, body []byte, boundary string) {
		if boundary == "" {
			boundary = fuzzBoundary
		}
		checkUpload(t, body, boundary)
	})
}

// TestUploadBombs: archives that expand past the bound are refused with a
// clear error (the budget reader stops decompression at the bound).
func TestUploadBombs(t *testing.T) {
	var manyZip bytes.Buffer
	zw := zip.NewWriter(&manyZip)
	for i := range maxEntries + 1 {
		_, _ = zw.Create(fmt.Sprintf("f%d.ts", i))
	}
	_ = zw.Close()
	var manyFiles []tarFile
	for i := range maxEntries + 1 {
		manyFiles = append(manyFiles, tarFile{name: fmt.Sprintf("f%d.ts", i), data: []byte{}})
	}
	for _, tc := range []struct {
		name string
		body []byte
		code string
	}{
		{"a zip entry of 40 MiB of zeros", multipartOf(part{"file", "bomb.zip", zipOf(nil, map[string]int64{"z.ts": 40 << 20})}), "TARSUS_TOO_LARGE"},
		{"zip entries of 12 MiB each, 3 of them", multipartOf(part{"file", "bomb.zip", zipOf(nil, map[string]int64{"a.ts": 12 << 20, "b.ts": 12 << 20, "c.ts": 12 << 20})}), "TARSUS_TOO_LARGE"},
		{"a tar.gz entry of 40 MiB of zeros", multipartOf(part{"file", "bomb.tar.gz", tarGz(tarFile{name: "z.ts", size: 40 << 20})}), "TARSUS_TOO_LARGE"},
		{"a skipped tar entry (an unknown type) of 40 MiB", multipartOf(part{"file", "bomb.tgz", tarGz(tarFile{name: "odd", size: 40 << 20, typ: 'Z'})}), "TARSUS_TOO_LARGE"},
		{"20 archives of 2 MiB each", multipartOf(func() []part {
			a := tarGz(tarFile{name: "z.ts", size: 2 << 20})
			var ps []part
			for i := range 20 {
				ps = append(ps, part{"file", fmt.Sprintf("p%d.tar.gz", i), a})
			}
			return ps
		}()...), "TARSUS_TOO_LARGE"},
		{"a zip of 10001 entries", multipartOf(part{"file", "many.zip", manyZip.Bytes()}), "TARSUS_TOO_MANY_FILES"},
		{"a tar.gz of 10001 entries", multipartOf(part{"file", "many.tar.gz", tarGz(manyFiles...)}), "TARSUS_TOO_MANY_FILES"},
	} {
		err := checkUpload(t, tc.body, fuzzBoundary)
		var he *httpError
		if !errors.As(err, &he) || he.body.Code != tc.code {
			t.Errorf("%s (%d bytes): %v; want %s", tc.name, len(tc.body), err, tc.code)
			continue
		}
		if !strings.Contains(he.body.Message, "MiB") && !strings.Contains(he.body.Message, "entries") {
			t.Errorf("%s: the message does not name the limit: %s", tc.name, he.body.Message)
		}
	}
}

// TestArchiveReadersStopAtBudget: what the archive readers decompress of a
// bomb never exceeds the budget.
func TestArchiveReadersStopAtBudget(t *testing.T) {
	var b budget
	if _, err := readTarGz(tarGz(tarFile{name: "z.ts", size: 40 << 20}), &b); err == nil || b.bytes > maxExpand {
		t.Errorf("tar.gz: %v after %d bytes; the budget is %d", err, b.bytes, maxExpand)
	}
	b = budget{}
	if _, err := readTarGz(tarGz(tarFile{name: "odd", size: 40 << 20, typ: 'Z'}), &b); err == nil || b.bytes > maxExpand {
		t.Errorf("tar.gz, skipped entry: %v after %d bytes; the budget is %d", err, b.bytes, maxExpand)
	}
	b = budget{}
	if _, err := readZip(zipOf(nil, map[string]int64{"a.ts": 20 << 20, "b.ts": 20 << 20}), &b); err == nil || b.bytes > maxExpand {
		t.Errorf("zip: %v after %d bytes; the budget is %d", err, b.bytes, maxExpand)
	}
}
