import { Body, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces } from '@nestjs/swagger';
import type { Principal } from '@luodi/domain';
import type { FastifyReply } from 'fastify';
import { ApiController, CurrentPrincipal, Roles } from '../auth/access.decorators';
import { PageQueryDto } from '../common/pagination';
import { sendDocx, sendPrintView } from './document-reply';
import { DOCX_MIME } from './documents';
import { CreateMeetingDto, DecisionDto } from './meetings.dto';
import { MeetingsService } from './meetings.service';

const READERS = ['admin', 'bureau', 'leader'] as const;
const CLERKS = ['admin', 'bureau'] as const;

@ApiController('meetings', 'dispatch')
export class MeetingsController {
  constructor(private readonly meetings: MeetingsService) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: '调度会, newest first' })
  list(@Query() query: PageQueryDto) {
    return this.meetings.list(query);
  }

  @Get('chairs')
  @Roles(...READERS)
  @ApiOperation({ summary: 'The leaders who may chair a meeting' })
  chairs() {
    return this.meetings.chairs();
  }

  @Post()
  @Roles(...CLERKS)
  @ApiOperation({ summary: 'Create a meeting (date, title, kind, chair, attendee departments)' })
  create(@Body() body: CreateMeetingDto, @CurrentPrincipal() principal: Principal) {
    return this.meetings.create(body, principal);
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({
    summary: 'The meeting, its agenda as of its date (kept as it stood once closed) and its decisions',
  })
  get(@Param('id') id: string) {
    return this.meetings.get(id);
  }

  @Post(':id/decisions')
  @Roles(...CLERKS)
  @ApiOperation({
    summary:
      'Record a decision (交办事项): create a problem or change one (due date, owner, 督办); 409 once closed',
  })
  decide(@Param('id') id: string, @Body() body: DecisionDto, @CurrentPrincipal() principal: Principal) {
    return this.meetings.decide(id, body, principal);
  }

  @Post(':id/close')
  @Roles(...CLERKS)
  @HttpCode(200)
  @ApiOperation({ summary: 'Close the meeting: read-only from now on (409 when already closed)' })
  close(@Param('id') id: string) {
    return this.meetings.close(id);
  }

  @Get(':id/agenda.docx')
  @Roles(...READERS)
  @ApiProduces(DOCX_MIME)
  @ApiOperation({ summary: '会议议程 as .docx (GB/T 9704 layout)' })
  async agendaDocx(@Param('id') id: string, @Res() reply: FastifyReply) {
    const document = await this.meetings.agendaDocument(id);
    return sendDocx(reply, document, `${document.title}.docx`, 'agenda.docx');
  }

  @Get(':id/minutes.docx')
  @Roles(...READERS)
  @ApiProduces(DOCX_MIME)
  @ApiOperation({ summary: '会议纪要 as .docx (GB/T 9704 layout, the decisions table)' })
  async minutesDocx(@Param('id') id: string, @Res() reply: FastifyReply) {
    const document = await this.meetings.minutesDocument(id);
    return sendDocx(reply, document, `${document.title}.docx`, 'minutes.docx');
  }

  @Get(':id/agenda/print')
  @Roles(...READERS)
  @ApiProduces('text/html')
  @ApiOperation({ summary: '会议议程 as an A4 print view (HTML)' })
  async agendaPrint(@Param('id') id: string, @Res() reply: FastifyReply) {
    return sendPrintView(reply, await this.meetings.agendaDocument(id));
  }

  @Get(':id/minutes/print')
  @Roles(...READERS)
  @ApiProduces('text/html')
  @ApiOperation({ summary: '会议纪要 as an A4 print view (HTML)' })
  async minutesPrint(@Param('id') id: string, @Res() reply: FastifyReply) {
    return sendPrintView(reply, await this.meetings.minutesDocument(id));
  }
}
