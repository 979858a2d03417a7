package auth

import (
	"testing"

	"github.com/crewjam/saml"
)

func TestSAMLPersonReadsNamesAndOIDs(t *testing.T) {
	attr := func(name, friendly, value string) saml.Attribute {
		return saml.Attribute{Name: name, FriendlyName: friendly, Values: []saml.AttributeValue{{Value: value}}}
	}
	for _, tc := range []struct {
		name       string
		attrs      []saml.Attribute
		email, who string
	}{
		{"friendly names", []saml.Attribute{attr("mail", "", "sam@westlake.edu"), attr("displayName", "", "Sam Lee")}, "sam@westlake.edu", "Sam Lee"},
		{"OIDs", []saml.Attribute{attr("urn:oid:0.9.2342.19200300.100.1.3", "", "sam@westlake.edu"), attr("urn:oid:2.16.840.1.113730.3.1.241", "", "Sam Lee")}, "sam@westlake.edu", "Sam Lee"},
		{"OIDs named in FriendlyName", []saml.Attribute{attr("urn:oid:x", "mail", "sam@westlake.edu")}, "sam@westlake.edu", ""},
		{"eduPersonPrincipalName when there is no mail", []saml.Attribute{attr("urn:oid:1.3.6.1.4.1.5923.1.1.1.6", "eduPersonPrincipalName", "sam@westlake.edu"), attr("urn:oid:2.5.4.3", "cn", "Samuel Lee")}, "sam@westlake.edu", "Samuel Lee"},
		{"mail before eduPersonPrincipalName", []saml.Attribute{attr("eduPersonPrincipalName", "", "slee@westlake.edu"), attr("mail", "", "sam.lee@westlake.edu")}, "sam.lee@westlake.edu", ""},
		{"displayName before cn", []saml.Attribute{attr("cn", "", "Samuel Lee"), attr("displayName", "", "Sam Lee")}, "", "Sam Lee"},
		{"a principal name that is no address", []saml.Attribute{attr("eduPersonPrincipalName", "", "slee")}, "", ""},
	} {
		email, who := samlPerson(&saml.Assertion{AttributeStatements: []saml.AttributeStatement{{Attributes: tc.attrs}}})
		if email != tc.email || who != tc.who {
			t.Errorf("%s: %q %q, want %q %q", tc.name, email, who, tc.email, tc.who)
		}
	}
}
