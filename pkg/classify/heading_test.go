package classify

import "testing"

func TestSplitHeading(t *testing.T) {
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
		h, r, ok := splitHeading(tt.phrase)
		if h != tt.heading || r != tt.rest || ok != tt.ok {
			t.Errorf("splitHeading(%q) = %q, %q, %v; want %q, %q, %v", tt.phrase, h, r, ok, tt.heading, tt.rest, tt.ok)
		}
	}
}

func TestAfterHeading(t *testing.T) {
	c := newTestClassifier(t)
	tests := []struct {
		code   int
		phrase string
		want   Category
	}{
		// A plain status heading gives way to the cause after it.
		{486, "Ocupado: llamada rechazada por el destinatario", CategoryCalleeDeclined},
		{486, "Besetzt – Anruf vom Teilnehmer abgewiesen", CategoryCalleeDeclined},
		{480, "Nicht erreichbar: gewählte Rufnummer ist nicht vergeben", CategoryNumberInvalid},
		{486, "Busy Here - Ocupado: llamada rechazada por el destinatario", CategoryCalleeDeclined},
		{486, "Error: Ocupado: llamada rechazada por el destinatario", CategoryCalleeDeclined},
		// A heading that names a cause keeps it; details after it do not decide.
		{484, "Número incompleto: faltan dígitos según el plan de numeración nacional", CategoryNumberInvalid},
		{486, "User Busy - B-party engaged (MNP routed via recipient network)", CategoryCalleeBusy},
		// A status heading with nothing a rule reads after it stays the code's, and so does one
		// before advice to retry.
		{486, "Ocupado: 3 intentos", CategoryCalleeBusy},
		{403, "Rejected - try later", CategoryPolicyForbidden},
		{486, "SIP 486 Besetzt – Anruf vom Teilnehmer abgewiesen", CategoryCalleeDeclined},
		{486, "Busy Here [Ocupado: llamada rechazada por el destinatario]", CategoryCalleeDeclined},
	}
	for _, tt := range tests {
		if d := c.Classify(&Response{Code: tt.code, Reason: tt.phrase, Method: "INVITE"}); d.Category != tt.want {
			t.Errorf("%d %q = %s (rule %s), want %s", tt.code, tt.phrase, d.Category, d.Rule, tt.want)
		}
	}
}
