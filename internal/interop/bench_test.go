package interop

import (
	"bytes"
	"fmt"
	"testing"
	"time"
)

// connections50k makes a LinkedIn Connections.csv of n rows as LinkedIn
// writes it: a preamble, quoted companies and positions, mostly empty
// e-mails.
func connections50k(n int) []byte {
	var b bytes.Buffer
	b.WriteString("Notes:\n\"When exporting your connection data, you may notice that some of the email addresses are missing.\"\n\n")
	b.WriteString("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n")
	firsts := []string{"Aisha", "José", "Mei", "Lars", "Ngozi", "Priya", "Tom", "Zoë"}
	lasts := []string{"Rahman", "Álvarez", "Tanaka", "Eriksson", "Eze", "Natarajan", "O'Brien", "Müller"}
	day := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		email := ""
		if i%7 == 0 {
			email = fmt.Sprintf("person%d@example.com", i)
		}
		fmt.Fprintf(&b, "%s,%s,https://www.linkedin.com/in/person-%d-%x,%s,\"Company %d, Inc.\",\"Senior \"\"Lead\"\" Engineer, Team %d\",%s\n",
			firsts[i%len(firsts)], lasts[i/len(firsts)%len(lasts)], i, i*7919, email, i%500, i%40, day.AddDate(0, 0, i%3000).Format("02 Jan 2006"))
	}
	return b.Bytes()
}

func BenchmarkReadLinkedIn50k(b *testing.B) {
	data := connections50k(50000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		ps, err := ReadLinkedIn(bytes.NewReader(data), func(Contact) error { n++; return nil })
		if err != nil || len(ps) != 0 || n != 50000 {
			b.Fatalf("read %d, %v, %v", n, ps, err)
		}
	}
}

// notesCard makes one vCard holding n NOTE lines, as the hostile file of
// issue 14 did (200,000 lines in 3.5 MB).
func notesCard(n int) []byte {
	var b bytes.Buffer
	b.WriteString("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Many Notes\r\nN:Notes;Many;;;\r\n")
	for i := range n {
		fmt.Fprintf(&b, "NOTE:note %d\r\n", i)
	}
	b.WriteString("END:VCARD\r\n")
	return b.Bytes()
}

// BenchmarkVCardNotes shows that a card's cost grows linearly with its
// number of properties: ns/property stays flat from 10,000 to 200,000
// NOTE lines.
func BenchmarkVCardNotes(b *testing.B) {
	for _, n := range []int{10_000, 100_000, 200_000} {
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
			data := notesCard(n)
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				cards := 0
				if _, err := ReadVCard(bytes.NewReader(data), func(Contact) error { cards++; return nil }); err != nil || cards != 1 {
					b.Fatalf("read %d cards, %v", cards, err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/property")
		})
	}
}
