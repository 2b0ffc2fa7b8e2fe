package platform

// Secrets at rest. A secret's value is sealed with AES-256-GCM under the
// server's key (Config.SecretKey) before it reaches the store: a random
// 12-byte nonce per write, and the user's and the variable's names as
// additional data, so a sealed value copied to another user or name does
// not open. Stored: version byte 1, nonce, ciphertext and tag.
//
// The store keeps one check value sealed under the key (skc): at New, a
// key that does not open it is refused with an error that says so, before
// any secret is misread. The check is written by the first New given a
// key, or by the first secret sealed under a generated one.
//
// The key itself lives outside the store: `tarsus serve` takes it from
// --secret-key/TARSUS_SECRET_KEY or, when unset, from <data>/secret.key,
// which it creates with mode 0600 on the first start (SecretKeyFile).
// Losing it loses every secret; the README says to back it up.

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/tarsus/tarsus/store"
)

// SecretKeySize is the size of the server's secret key (AES-256).
const SecretKeySize = 32

const (
	sealVersion = 1
	checkText   = "tarsus secret key check"
)

// ParseSecretKey reads a key written as 64 hex digits or as base64 of 32
// bytes (standard or URL alphabet, padded or not).
func ParseSecretKey(s string) ([]byte, error) {
	s = strings.TrimSpace(s)
	if k, err := hex.DecodeString(s); err == nil && len(k) == SecretKeySize {
		return k, nil
	}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if k, err := enc.DecodeString(s); err == nil && len(k) == SecretKeySize {
			return k, nil
		}
	}
	return nil, errors.New("a secret key is 32 bytes written as 64 hex digits or in base64, e.g. the output of: openssl rand -hex 32")
}

// SecretKeyFile reads the key kept in the file at path, or, when there is
// none, makes a random one and writes it there (mode 0600); created says
// which.
func SecretKeyFile(path string) (key []byte, created bool, err error) {
	b, err := os.ReadFile(path)
	if err == nil {
		k, perr := ParseSecretKey(string(b))
		if perr != nil {
			return nil, false, fmt.Errorf("the secret key file %s is damaged: %v", path, perr)
		}
		return k, false, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return nil, false, fmt.Errorf("reading the secret key file: %w", err)
	}
	k := make([]byte, SecretKeySize)
	if _, err := rand.Read(k); err != nil {
		return nil, false, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, false, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, false, fmt.Errorf("creating the secret key file: %w", err)
	}
	_, werr := f.WriteString(hex.EncodeToString(k) + "\n")
	serr := f.Sync()
	cerr := f.Close()
	if err := errors.Join(werr, serr, cerr); err != nil {
		_ = os.Remove(path)
		return nil, false, fmt.Errorf("writing the secret key file: %w", err)
	}
	return k, true, nil
}

// sealer seals and opens secrets under the server's key.
type sealer struct {
	aead cipher.AEAD
	// given: the key came from the configuration (not made for this
	// process only).
	given bool
}

func newSealer(key []byte) (*sealer, error) {
	given := key != nil
	if key == nil {
		key = make([]byte, SecretKeySize)
		if _, err := rand.Read(key); err != nil {
			return nil, err
		}
	}
	if len(key) != SecretKeySize {
		return nil, fmt.Errorf("platform: Config.SecretKey has %d bytes; it must have %d", len(key), SecretKeySize)
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return &sealer{aead: aead, given: given}, nil
}

func (s *sealer) seal(plain, ad []byte) ([]byte, error) {
	ns := s.aead.NonceSize()
	out := make([]byte, 1+ns, 1+ns+len(plain)+s.aead.Overhead())
	out[0] = sealVersion
	if _, err := rand.Read(out[1:]); err != nil {
		return nil, err
	}
	return s.aead.Seal(out, out[1:], plain, ad), nil
}

var errOpen = errors.New("the value does not open with this server's secret key")

func (s *sealer) open(sealed, ad []byte) ([]byte, error) {
	ns := s.aead.NonceSize()
	if len(sealed) < 1+ns+s.aead.Overhead() || sealed[0] != sealVersion {
		return nil, errOpen
	}
	plain, err := s.aead.Open(nil, sealed[1:1+ns], sealed[1+ns:], ad)
	if err != nil {
		return nil, errOpen
	}
	return plain, nil
}

func secretAD(user, name string) []byte { return []byte("env\x00" + user + "\x00" + name) }

// checkKey verifies the key against the store's check value, writing one
// when there is none and the key was given.
func (p *Platform) checkKey(ctx context.Context) error {
	check, err := p.store.SecretKeyCheck(ctx)
	switch {
	case errors.Is(err, store.ErrNotFound):
		if !p.sealer.given {
			return nil
		}
		return p.writeKeyCheck(ctx)
	case err != nil:
		return err
	}
	if _, err := p.sealer.open(check, []byte("check")); err != nil {
		if !p.sealer.given {
			return errors.New("secrets in this store were encrypted with a secret key, and none is configured: set Config.SecretKey (tarsus serve: --secret-key, TARSUS_SECRET_KEY or the data folder's secret.key)")
		}
		return errors.New("the secret key is not the one the secrets in this store were encrypted with: give the key this data was written with (--secret-key, TARSUS_SECRET_KEY or the data folder's secret.key; restore it from your backup)")
	}
	return nil
}

func (p *Platform) writeKeyCheck(ctx context.Context) error {
	c, err := p.sealer.seal([]byte(checkText), []byte("check"))
	if err != nil {
		return err
	}
	if err := p.store.SetSecretKeyCheck(ctx, c); err != nil && !errors.Is(err, store.ErrExists) {
		return err
	}
	return nil
}
