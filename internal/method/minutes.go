package method

import (
	"fmt"

	"github.com/ally-dev/ally/internal/model"
)

// MaxFirstAskMinutes is the most a first conversation should ask for: a
// busy professional says yes to 20 minutes far more readily than to an hour.
const MaxFirstAskMinutes = 30

// MinutesWarning says, when a conversation asks for more than
// MaxFirstAskMinutes, that it is a lot; it is empty otherwise, and for a
// time beyond model.MaxMinutes, which validation refuses outright. The user
// may keep the time anyway (the professional may have offered it).
func MinutesWarning(minutes int) string {
	if minutes <= MaxFirstAskMinutes || minutes > model.MaxMinutes {
		return ""
	}
	return fmt.Sprintf("%d minutes is a lot for a first conversation; %d is usual and %d the most to ask for",
		minutes, model.DefaultMinutes, MaxFirstAskMinutes)
}
