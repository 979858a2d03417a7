package etiquette

import (
	"slices"
	"testing"
	"unicode/utf8"
)

// FuzzCheck reviews any text, the "Subject:" line and signature parsing
// included, as any kind of message on any channel: it never panics, and
// every finding and part lies within the text, in order, with a message.
func FuzzCheck(f *testing.F) {
	for _, s := range []string{
		"Subject: A question about your work in urban planning\n\nDear Ms. Rivera,\n\nMaria Lopez suggested I contact you. Could I ask you about your work for 20 minutes, at your convenience?\n\nBest,\nSam\n-- \nSam Okafor",
		"Subject:\r\nSubject: x\r\n\r\nHi! Do you have any job openings? I attached my resume. Please forward it to your hiring manager.",
		"Thank you so much for your time yesterday, it was really helpful.\n\nP.S. Let me know if there are any positions.",
		"subject:   \n\n\n",
		"Best,",
		"I'm  looking for a job at your company; would you refer me?? …  ‘quoted’ e.g. U.S. a.m. \x00\xff",
	} {
		f.Add(s, 0, 0)
	}
	f.Fuzz(func(t *testing.T, text string, kind, channel int) {
		kinds, channels := Kinds(), Channels()
		c := Context{Kind: kinds[(kind%len(kinds)+len(kinds))%len(kinds)], Channel: channels[(channel%len(channels)+len(channels))%len(channels)], Minutes: 20}
		fs := Check(text, c)
		inText := func(s, e int) bool { return 0 <= s && s <= e && e <= len(text) }
		if !slices.IsSortedFunc(fs, func(x, y Finding) int {
			if x.Start != y.Start {
				return x.Start - y.Start
			}
			return x.End - y.End
		}) {
			t.Fatalf("findings out of order: %+v", fs)
		}
		for _, fd := range fs {
			if !inText(fd.Start, fd.End) || fd.Rule == "" || fd.Message == "" {
				t.Fatalf("finding %+v in a text of %d bytes", fd, len(text))
			}
			if utf8.ValidString(text) && !utf8.ValidString(fd.Message+fd.Rewrite) {
				t.Fatalf("finding %+v is not UTF-8", fd)
			}
			for _, p := range fd.Parts {
				if !inText(p.Start, p.End) || p.Role == "" {
					t.Fatalf("part %+v of %+v in a text of %d bytes", p, fd, len(text))
				}
			}
			line, col := LineCol(text, fd.Start)
			if line < 1 || col < 1 {
				t.Fatalf("finding at %d is on line %d, column %d", fd.Start, line, col)
			}
		}
	})
}
