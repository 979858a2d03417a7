package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// client is one student or volunteer calling the API with their token,
// on each instance in turn.
type client struct {
	http  *http.Client
	bases []string
	next  int
	acct  member
	rec   *recorder
	rng   *rand.Rand
	think time.Duration
}

// The endpoints the load measures.
const (
	kindSend    = "POST /requests"
	kindList    = "GET /requests"
	kindAccept  = "POST /requests/{id}/accept"
	kindDecline = "POST /requests/{id}/decline"
	kindCancel  = "POST /requests/{id}/cancel"
)

// call makes one API call on the next instance and records it. A call is
// never cut short by the end of the load: what was sent is answered.
func (c *client) call(kind, method, path, body string) (int, []byte) {
	base := c.bases[c.next]
	c.next = (c.next + 1) % len(c.bases)
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequestWithContext(context.Background(), method, base+path, rd)
	if err != nil {
		c.rec.fail(kind, err)
		return 0, nil
	}
	req.Header.Set("Authorization", "Bearer "+c.acct.token)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	t0 := time.Now()
	resp, err := c.http.Do(req)
	if err != nil {
		c.rec.fail(kind, err)
		return 0, nil
	}
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	took := time.Since(t0)
	if err != nil {
		c.rec.fail(kind, err)
		return 0, nil
	}
	c.rec.add(kind, took, resp.StatusCode, b)
	return resp.StatusCode, b
}

// pause waits a random time around the client's think time.
func (c *client) pause(ctx context.Context) {
	if c.think <= 0 {
		return
	}
	select {
	case <-ctx.Done():
	case <-time.After(time.Duration(c.rng.Float64() * 2 * float64(c.think))):
	}
}

// listed is the part of GET /api/v1/requests the clients read.
type listed struct {
	Requests []struct {
		ID            int64    `json:"id"`
		ProposedTimes []string `json:"proposed_times"`
	} `json:"requests"`
}

// studentLoop sends requests to random volunteers, lists the student's
// requests waiting and now and then withdraws one, until ctx ends.
func (c *client) studentLoop(ctx context.Context, vols []member, created *sync.Map) {
	var pending []int64
	for ctx.Err() == nil {
		c.pause(ctx)
		if ctx.Err() != nil {
			return
		}
		switch r := c.rng.Float64(); {
		case r < 0.08 && len(pending) > 0:
			i := c.rng.IntN(len(pending))
			c.call(kindCancel, "POST", fmt.Sprintf("/api/v1/requests/%d/cancel", pending[i]), `{"reason":"I found the answers I needed, thank you."}`)
			pending = slices.Delete(pending, i, i+1)
		case r < 0.3:
			status, body := c.call(kindList, "GET", "/api/v1/requests?view=student&state=pending&per_page=100", "")
			var l listed
			if status == http.StatusOK && json.Unmarshal(body, &l) == nil {
				pending = pending[:0]
				for _, r := range l.Requests {
					pending = append(pending, r.ID)
				}
			}
		default:
			v := vols[c.rng.IntN(len(vols))]
			in := map[string]any{"volunteer_id": v.id, "field": v.field, "channel": v.channel, "minutes": 20,
				"purpose": "How people come to this work and what a week is like",
				"message": "Hello,\n\nMy advisor suggested I write to you. I am a student exploring " + strings.ToLower(v.field) +
					" and would love to hear how you came to your work. Would you have 20 minutes for a short conversation, at a time that suits you?\n\nThank you!"}
			if c.rng.IntN(2) == 0 {
				// A time some days ahead: some fall in next month.
				day := time.Now().UTC().Truncate(24*time.Hour).AddDate(0, 0, 2+c.rng.IntN(40))
				in["proposed_times"] = []string{day.Add(15 * time.Hour).Format(time.RFC3339)}
			}
			body, _ := json.Marshal(in)
			status, resp := c.call(kindSend, "POST", "/api/v1/requests", string(body))
			if status == 0 {
				c.rec.transportSends.Add(1)
			}
			var got struct {
				ID int64 `json:"id"`
			}
			if status == http.StatusCreated && json.Unmarshal(resp, &got) == nil && got.ID > 0 {
				created.Store(got.ID, c.acct.id)
				pending = append(pending, got.ID)
			}
		}
	}
}

// volunteerLoop lists the requests waiting for the volunteer and accepts
// (at the proposed time, if any) or declines some, and now and then
// cancels a conversation accepted earlier, until ctx ends.
func (c *client) volunteerLoop(ctx context.Context) {
	var accepted []int64
	for ctx.Err() == nil {
		c.pause(ctx)
		if ctx.Err() != nil {
			return
		}
		if len(accepted) > 0 && c.rng.Float64() < 0.05 {
			i := c.rng.IntN(len(accepted))
			c.call(kindCancel, "POST", fmt.Sprintf("/api/v1/requests/%d/cancel", accepted[i]), `{"reason":"Something came up at work; I am sorry."}`)
			accepted = slices.Delete(accepted, i, i+1)
			continue
		}
		status, body := c.call(kindList, "GET", "/api/v1/requests?view=volunteer&state=pending&per_page=20", "")
		var l listed
		if status != http.StatusOK || json.Unmarshal(body, &l) != nil {
			continue
		}
		c.rng.Shuffle(len(l.Requests), func(i, j int) { l.Requests[i], l.Requests[j] = l.Requests[j], l.Requests[i] })
		for _, r := range l.Requests[:min(2, len(l.Requests))] {
			switch x := c.rng.Float64(); {
			case x < 0.55:
				in := "{}"
				if len(r.ProposedTimes) > 0 {
					in = `{"meeting_at":"` + r.ProposedTimes[0] + `"}`
				}
				if st, _ := c.call(kindAccept, "POST", fmt.Sprintf("/api/v1/requests/%d/accept", r.ID), in); st == http.StatusOK {
					accepted = append(accepted, r.ID)
				}
			case x < 0.9:
				c.call(kindDecline, "POST", fmt.Sprintf("/api/v1/requests/%d/decline", r.ID), `{"reason":"no_time"}`)
			}
			c.pause(ctx)
		}
	}
}

// recorder keeps each call's latency and outcome.
type recorder struct {
	mu             sync.Mutex
	byKind         map[string][]time.Duration
	statuses       map[string]map[string]int // kind → "201", "409 capacity", …
	total          atomic.Int64
	errors         atomic.Int64
	transportSends atomic.Int64 // sends that got no answer: a request may exist without its 201
	shown          atomic.Int64
}

func (r *recorder) add(kind string, d time.Duration, status int, body []byte) {
	r.total.Add(1)
	outcome := fmt.Sprint(status)
	if status >= 400 {
		var e struct {
			Error string `json:"error"`
			Rule  string `json:"rule"`
		}
		_ = json.Unmarshal(body, &e)
		switch {
		case e.Rule != "":
			outcome += " " + e.Rule
		case status == http.StatusConflict:
			outcome += " step refused"
		default:
			if r.shown.Add(1) <= 5 {
				fmt.Printf("unexpected: %s %d %.200s\n", kind, status, body)
			}
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.byKind[kind] = append(r.byKind[kind], d)
	if r.statuses[kind] == nil {
		r.statuses[kind] = map[string]int{}
	}
	r.statuses[kind][outcome]++
}

func (r *recorder) fail(kind string, err error) {
	r.total.Add(1)
	r.errors.Add(1)
	if r.shown.Add(1) <= 5 {
		fmt.Printf("error: %s: %v\n", kind, err)
	}
}

func (r *recorder) print() {
	r.mu.Lock()
	defer r.mu.Unlock()
	kinds := []string{kindSend, kindList, kindAccept, kindDecline, kindCancel}
	fmt.Printf("%-28s %7s %8s %8s %8s %8s  %s\n", "endpoint", "n", "p50", "p95", "p99", "max", "answers")
	for _, k := range kinds {
		ds := r.byKind[k]
		if len(ds) == 0 {
			continue
		}
		slices.Sort(ds)
		q := func(p float64) string {
			return fmt.Sprintf("%.1fms", float64(ds[min(len(ds)-1, int(p*float64(len(ds))))].Microseconds())/1000)
		}
		var outs []string
		for o, n := range r.statuses[k] {
			outs = append(outs, fmt.Sprintf("%s×%d", o, n))
		}
		slices.Sort(outs)
		fmt.Printf("%-28s %7d %8s %8s %8s %8s  %s\n", k, len(ds), q(0.50), q(0.95), q(0.99), q(1), strings.Join(outs, ", "))
	}
}
