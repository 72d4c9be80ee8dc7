/*
 * The Vigil rule language: one rule per file.
 *
 *   rule 'S4' {
 *       title 'System Network Connections Discovery Via Net.EXE'
 *       level medium
 *       attack T1049
 *       source sigma id '2c9d2b6e-...' path '...' license 'DRL-1.1'
 *       events sysmon:1, security:4688
 *       match Image endswith any ['\net.exe', '\net1.exe'] and CommandLine contains ' use '
 *   }
 *
 * Single-quoted strings are raw: a backslash is an ordinary character and '' stands for one
 * quote. Double-quoted strings take the escapes \\ \" \n \r \t and \uXXXX.
 */
grammar DetectionRule;

ruleFile
    : ruleDecl EOF
    ;

ruleDecl
    : RULE id=string LBRACE clause* RBRACE
    ;

clause
    : TITLE string                                              # titleClause
    | DESCRIPTION string                                        # descriptionClause
    | LEVEL level=identifier                                    # levelClause
    | ATTACK techniqueId (COMMA techniqueId)*                   # attackClause
    | AUTHOR string                                             # authorClause
    | SOURCE vendor=identifier sourceAttribute*                 # sourceClause
    | DEVIATION string                                          # deviationClause
    | EVENTS eventType (COMMA eventType)*                       # eventsClause
    | MATCH condition                                           # matchClause
    | AGGREGATE aggregateItem+                                  # aggregateClause
    ;

sourceAttribute
    : key=identifier attributeValue=string
    ;

techniqueId
    : IDENTIFIER
    ;

eventType
    : IDENTIFIER COLON INTEGER
    ;

condition
    : orExpression
    ;

orExpression
    : andExpression (OR andExpression)*
    ;

andExpression
    : notExpression (AND notExpression)*
    ;

notExpression
    : NOT notExpression                                         # notTerm
    | primary                                                   # primaryTerm
    ;

primary
    : LPAREN condition RPAREN                                   # parenthesized
    | fieldRef EXISTS                                           # existsPredicate
    | fieldRef IS NULL                                          # nullPredicate
    | fieldRef operator modifier* valueSpec                     # comparison
    | TRUE                                                      # trueLiteral
    | FALSE                                                     # falseLiteral
    ;

fieldRef
    : name=fieldName                                            # plainField
    | function=identifier LPAREN fieldName RPAREN               # derivedField
    ;

fieldName
    : IDENTIFIER
    | nonReserved
    | string
    ;

operator
    : EQ | CONTAINS | STARTSWITH | ENDSWITH | WILDCARD | REGEX | GT | GTE | LT | LTE | CIDR
    ;

modifier
    : CASED | WINDASH
    ;

valueSpec
    : value                                                     # singleValue
    | FIELD LPAREN fieldName RPAREN                             # fieldRefValue
    | quantifier=(ANY | ALL) LBRACKET value (COMMA value)* COMMA? RBRACKET  # valueList
    ;

value
    : string
    | number
    ;

number
    : MINUS? (INTEGER | DECIMAL)
    ;

aggregateItem
    : BY fieldRef (COMMA fieldRef)*                             # groupBy
    | WINDOW kind=(FIXED | SLIDING) DURATION                    # windowSpec
    | HAVING aggregateCondition                                 # havingSpec
    ;

aggregateCondition
    : threshold (AND threshold)*
    ;

threshold
    : aggregateFunction comparator=(GT | GTE | LT | LTE | EQ) INTEGER
    ;

aggregateFunction
    : COUNT LPAREN RPAREN                                       # countFunction
    | DISTINCT LPAREN fieldRef RPAREN                           # distinctFunction
    ;

identifier
    : IDENTIFIER
    | nonReserved
    ;

// keywords that may also name a level, vendor, attribute, function or field; clause keywords are
// not among them, so that a source attribute list ends where the next clause starts
nonReserved
    : ANY | ALL | COUNT | DISTINCT | FIXED | SLIDING | NULL | WINDOW | BY | HAVING | CIDR | FIELD
    ;

string
    : RAW_STRING
    | ESCAPED_STRING
    ;

RULE: 'rule';
TITLE: 'title';
DESCRIPTION: 'description';
LEVEL: 'level';
ATTACK: 'attack';
AUTHOR: 'author';
SOURCE: 'source';
DEVIATION: 'deviation';
EVENTS: 'events';
MATCH: 'match';
AGGREGATE: 'aggregate';
BY: 'by';
WINDOW: 'window';
FIXED: 'fixed';
SLIDING: 'sliding';
HAVING: 'having';
COUNT: 'count';
DISTINCT: 'distinct';
AND: 'and';
OR: 'or';
NOT: 'not';
EXISTS: 'exists';
IS: 'is';
NULL: 'null';
TRUE: 'true';
FALSE: 'false';
EQ: 'eq';
CONTAINS: 'contains';
STARTSWITH: 'startswith';
ENDSWITH: 'endswith';
WILDCARD: 'wildcard';
REGEX: 'regex';
GT: 'gt';
GTE: 'gte';
LT: 'lt';
LTE: 'lte';
CIDR: 'cidr';
FIELD: 'field';
CASED: 'cased';
WINDASH: 'windash';
ANY: 'any';
ALL: 'all';

LBRACE: '{';
RBRACE: '}';
LPAREN: '(';
RPAREN: ')';
LBRACKET: '[';
RBRACKET: ']';
COMMA: ',';
COLON: ':';
MINUS: '-';

DURATION
    : [0-9]+ ('ms' | 's' | 'm' | 'h' | 'd')
    ;

INTEGER
    : [0-9]+
    ;

DECIMAL
    : [0-9]+ '.' [0-9]+
    ;

IDENTIFIER
    : [A-Za-z_] [A-Za-z0-9_.\-]*
    ;

RAW_STRING
    : '\'' ( ~'\'' | '\'\'' )* '\''
    ;

ESCAPED_STRING
    : '"' ( ~["\\\r\n] | '\\' . )* '"'
    ;

LINE_COMMENT
    : ('//' | '#') ~[\r\n]* -> channel(HIDDEN)
    ;

BLOCK_COMMENT
    : '/*' .*? '*/' -> channel(HIDDEN)
    ;

WS
    : [ \t\r\n\f]+ -> channel(HIDDEN)
    ;

// anything else is reported as a syntax error instead of being skipped
UNRECOGNIZED
    : .
    ;
