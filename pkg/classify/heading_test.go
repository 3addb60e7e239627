package classify

import "testing"

func TestHeadingAt(t *testing.T) {
	tests := []struct {
		phrase, heading, rest string
		ok                    bool
	}{
		{"ocupado: llamada rechazada", "ocupado", "llamada rechazada", true},
		{"besetzt – anruf abgewiesen", "besetzt", "anruf abgewiesen", true},
		{"forbidden - a: b", "forbidden", "a: b", true}, // the first separator ends the heading
		{"busy here [ocupado: llamada]", "ocupado", "llamada", true},
		{"被叫忙：请稍后再拨", "被叫忙", "请稍后再拨", true},
		{"no separator here", "", "", false},
		{": nothing before", "", "", false},
		{"nothing after: ", "", "", false},
	}
	for _, tt := range tests {
		h, r, _, ok := headingAt(tt.phrase, 0)
		if h != tt.heading || r != tt.rest || ok != tt.ok {
			t.Errorf("headingAt(%q, 0) = %q, %q, %v; want %q, %q, %v", tt.phrase, h, r, ok, tt.heading, tt.rest, tt.ok)
		}
	}
}

func TestStatusHeadingRest(t *testing.T) {
	tests := []struct {
		reason, rest string
		ok           bool
	}{
		// The rest is read as written: lower case would run "absentSubscriberSM" together.
		{"Call rejected: SMS delivery failed: MAP absentSubscriberSM", "SMS delivery failed: MAP absentSubscriberSM", true},
		{"Ocupado: Llamada rechazada", "Llamada rechazada", true},
		{"SIP 486 Besetzt – Anruf abgewiesen", "anruf abgewiesen", true}, // found in the normalised phrase
		// Lower-casing "İ" ("i") takes fewer bytes: the rest is the lower-cased one.
		{"Besetzt: İptal edildi", "iptal edildi", true},
		{"禁止：授權通道數已用盡", "授權通道數已用盡", true},
		{"Запрещено: вызываемый абонент отклонил входящий", "вызываемый абонент отклонил входящий", true},
		{"Internal Server Error - routing table has no entry", "routing table has no entry", true},
		// After a label in brackets; after a lead-in that only Normalize drops, with the
		// heading's diacritics folded as Normalize folds them.
		{"[Vendor] Proibido: número discado não existe", "número discado não existe", true},
		{"SIP 486 Temporariamente indisponível: número incompleto", "numero incompleto", true},
		{"No money left", "", false},
		{"Trunk 4: down", "", false},
	}
	for _, tt := range tests {
		rest, ok := statusHeadingRest(&Response{Code: 486, Reason: tt.reason})
		if rest != tt.rest || ok != tt.ok {
			t.Errorf("statusHeadingRest(%q) = %q, %v; want %q, %v", tt.reason, rest, ok, tt.rest, tt.ok)
		}
	}
}
