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
